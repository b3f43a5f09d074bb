using System.Diagnostics;
using System.Globalization;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Simulators.Wildberries;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// Parse + map + load of Wildberries order pages (80 000 rows each, as the API serves them) into the analytics store,
/// against DuckDB's own <c>read_json</c> of the same pages into a file database, in the same run.
/// </summary>
internal static class WildberriesLoad
{
    private const int PageSize = 80_000;

    public static async Task RunAsync(int rows, string[] hostArgs)
    {
        using var folder = new TempFolder();
        var pages = Pages(rows);
        var files = new List<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            var file = Path.Combine(folder.Path, $"page{i:D4}.json");
            await File.WriteAllBytesAsync(file, pages[i]);
            files.Add(file);
        }

        var total = pages.Sum(p => WildberriesStatistics.ReadPage(p, WildberriesTables.OrderRow, Guid.Empty, DateTime.UnixEpoch).Rows.Count);
        var raw = await ReadJsonAsync(Path.Combine(folder.Path, "raw.duckdb"), files);

        await using var host = await BenchHost.StartAsync(_ => { }, ["--Analytics:DuckDbPath=" + Path.Combine(folder.Path, "ours.duckdb"), .. hostArgs]);
        var store = host.App.Services.GetRequiredService<IAnalyticsStore>();
        await store.EnsureTableAsync(WildberriesTables.Orders, CancellationToken.None);
        var account = Guid.NewGuid();
        var parse = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        foreach (var page in pages)
        {
            var parsing = Stopwatch.StartNew();
            var read = WildberriesStatistics.ReadPage(page, WildberriesTables.OrderRow, account, DateTime.UtcNow);
            parse += parsing.Elapsed;
            await store.UpsertAsync(WildberriesTables.Orders, read.Rows.ToAsyncEnumerable(), CancellationToken.None);
        }

        watch.Stop();
        var stored = Convert.ToInt64((await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {WildberriesTables.Orders}"), CancellationToken.None)).Scalar(), CultureInfo.InvariantCulture);
        var ours = total / watch.Elapsed.TotalSeconds;
        var baseline = total / raw.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            pages               : {pages.Count} x up to {PageSize:N0} rows, {total:N0} orders, {pages.Sum(p => p.Length) / 1024.0 / 1024.0:0.0} MiB of JSON
            DuckDB read_json    : {raw.TotalSeconds:0.00} s, {baseline:N0} rows/s (CREATE TABLE AS SELECT * FROM read_json(pages), file database)
            Custodian load      : {watch.Elapsed.TotalSeconds:0.00} s, {ours:N0} rows/s (parse + validate + map {parse.TotalSeconds:0.00} s, upsert by key into {store.EngineName}); {stored:N0} rows stored
            ratio               : {ours / baseline:0.00}x of read_json (goal >= 1.0x)
            """));
    }

    private static List<byte[]> Pages(int rows)
    {
        var pages = new List<byte[]>();
        var now = new DateTime(2026, 11, 23, 12, 0, 0);
        var buffer = new List<SimulatedOrder>(PageSize);
        for (var seed = 1; pages.Count * PageSize < rows; seed++)
        {
            foreach (var order in new WildberriesSellerData(seed, products: 200, days: 120).OrdersAt(now))
            {
                buffer.Add(order);
                if (buffer.Count == PageSize || (pages.Count * PageSize) + buffer.Count == rows)
                {
                    pages.Add(WildberriesSimulator.OrdersPage(buffer));
                    buffer.Clear();
                    if (pages.Count * PageSize >= rows)
                    {
                        return pages;
                    }
                }
            }
        }

        return pages;
    }

    private static async Task<TimeSpan> ReadJsonAsync(string database, List<string> files)
    {
        using var connection = new DuckDBConnection("Data Source=" + database);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        var list = string.Join(", ", files.Select(f => "'" + f + "'"));
        command.CommandText = $"CREATE TABLE raw_orders AS SELECT * FROM read_json([{list}], format = 'array')";
        var watch = Stopwatch.StartNew();
        await command.ExecuteNonQueryAsync();
        return watch.Elapsed;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("custodian-wb-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
