using Custodian.Storage.Analytics.DuckDb;

namespace Custodian.Storage.Tests.Analytics;

/// <summary>Two upserts with disjoint keys write a DuckDB table at once; any other change waits for both and goes alone.</summary>
public sealed class TableWriterGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_shared_writers_enter_together_an_alone_writer_waits_for_both_and_a_later_shared_one_waits_behind_it()
    {
        using var gate = new TableWriterGate();
        var first = await gate.EnterAsync(shared: true, Ct);
        var second = await gate.EnterAsync(shared: true, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        var alone = gate.EnterAsync(shared: false, Ct);
        await Task.Delay(100, Ct);
        var later = gate.EnterAsync(shared: true, Ct);
        await Task.Delay(100, Ct);
        Assert.False(alone.IsCompleted);
        first.Dispose();
        await Task.Delay(100, Ct);
        Assert.False(alone.IsCompleted); // one shared writer is still in
        second.Dispose();
        var inAlone = await alone.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        await Task.Delay(100, Ct);
        Assert.False(later.IsCompleted); // arrived after the alone writer: waits for it

        inAlone.Dispose();
        (await later.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Dispose();
    }

    [Fact]
    public async Task A_writer_cancelled_while_waiting_gives_back_what_it_took()
    {
        using var gate = new TableWriterGate();
        var shared = await gate.EnterAsync(shared: true, Ct);
        using var cancel = new CancellationTokenSource();
        var alone = gate.EnterAsync(shared: false, cancel.Token);
        await Task.Delay(100, Ct);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => alone);

        shared.Dispose();
        (await gate.EnterAsync(shared: false, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct)).Dispose();
    }
}
