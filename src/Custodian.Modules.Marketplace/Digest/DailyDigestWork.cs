using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Digest;

/// <summary>The daily digest's turn in the shared scheduler: one instance at a time looks for digests due.</summary>
internal sealed class DailyDigestWork(IOptions<DigestOptions> options) : IScheduledWork
{
    public string Name => "marketplace.digest";

    public TimeSpan Every => options.Value.Every;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<DailyDigests>().SendAsync(cancellationToken);
}
