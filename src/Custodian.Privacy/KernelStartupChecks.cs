using Custodian.Privacy.Declarations;
using Custodian.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy;

/// <summary>Loads the declarations before the server listens: an invalid declaration stops the service.</summary>
internal sealed class KernelStartupChecks(IServiceProvider services) : StartupCheck
{
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<RegisterCatalog>();
        _ = services.GetRequiredService<Protection.IKeyProvider>(); // refuses key files others can read, and keys that do not open the stored ones
        return Task.CompletedTask;
    }
}
