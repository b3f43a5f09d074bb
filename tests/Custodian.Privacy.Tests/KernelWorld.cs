using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Requests;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests;

/// <summary>
/// A kernel host at a settable time, with one service scope, and optionally the stand-in training module
/// (<see cref="SampleTrainingProvider"/> as personal-data provider and retention target).
/// </summary>
internal sealed class KernelWorld : IAsyncDisposable
{
    private readonly KernelHost _host;

    private KernelWorld(KernelHost host, SettableClock clock)
    {
        (_host, Clock) = (host, clock);
        Scope = host.Scope();
    }

    public SettableClock Clock { get; }

    public AsyncServiceScope Scope { get; }

    public SampleTrainingProvider Training => _host.Get<SampleTrainingProvider>();

    public static async Task<KernelWorld> StartAsync(Engine engine, DateTimeOffset now, bool withTraining = true)
    {
        var clock = new SettableClock(now);
        var host = await KernelHost.StartAsync(engine, clock, services =>
        {
            if (withTraining)
            {
                services.AddSingleton(sp => new SampleTrainingProvider(sp.GetRequiredService<IPersonalDataVault>()));
                services.AddSingleton<IPersonalDataProvider>(sp => sp.GetRequiredService<SampleTrainingProvider>());
                services.AddSingleton<IRetentionTarget>(sp => sp.GetRequiredService<SampleTrainingProvider>());
            }
        });
        return new KernelWorld(host, clock);
    }

    public T Get<T>()
        where T : notnull => Scope.ServiceProvider.GetRequiredService<T>();

    public Task<SubmitRequest.Receipt> SubmitAsync(string register, string kind, string email) =>
        Get<SubmitRequest.Intake>().SubmitAsync(new SubmitRequest.Request(register, kind, email, "Please act on my request.", "en"), RequestChannel.WebForm, null, TestContext.Current.CancellationToken);

    /// <summary>Submits, verifies by operator check and executes a request.</summary>
    public async Task<(string Reference, RequestStatus Status, string Outcome, string? DownloadToken)> RunAsync(string register, string kind, string email)
    {
        var ct = TestContext.Current.CancellationToken;
        var receipt = await SubmitAsync(register, kind, email);
        await Get<VerifyRequest>().VerifyAsync(receipt.Reference, VerificationMethod.OperatorCheck, "Called back on the registered phone number.", null, ct);
        var result = await Get<ExecuteRequest>().ExecuteAsync(receipt.Reference, new ExecutionInput(), ct);
        return (receipt.Reference, result.Status, result.Outcome, result.DownloadToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Scope.DisposeAsync();
        await _host.DisposeAsync();
    }
}
