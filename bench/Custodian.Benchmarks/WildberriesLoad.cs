using System.Diagnostics;
using System.Globalization;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Simulators.Wildberries;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// Parse + map + load of Wildberries order pages (80 000 rows each, as the API serves them) into the analytics store,
/// against the engine's own loader of the same data in the same run: DuckDB's <c>read_json</c> into a file database, or
/// (with <c>--Analytics:Engine=ClickHouse</c> and <c>--clickhouse-client-port=P</c>) <c>clickhouse-client</c> inserting
/// the rows as JSONEachRow.
/// </summary>
internal static class WildberriesLoad
{
    private const int PageSize = 80_000;

    public static async Task RunAsync(int rows, string[] args)
    {
        var clientPort = args.FirstOrDefault(a => a.StartsWith("--clickhouse-client-port=", StringComparison.Ordinal))?.Split('=')[1];
        var hostArgs = args.Where(a => !a.StartsWith("--clickhouse-client-port=", StringComparison.Ordinal)).ToArray();
        using var folder = new TempFolder();
        var pages = Pages(rows);
        var files = new List<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            var file = Path.Combine(folder.Path, $"page{i:D4}.json");
            await File.WriteAllBytesAsync(file, pages[i]);
            files.Add(file);
        }

        var total = pages.Sum(p => WildberriesStatistics.ReadPage(p, WildberriesTables.OrderFields, WildberriesTables.OrderRow, Guid.Empty, DateTime.UnixEpoch).Rows.Count);
        var ((raw, rawCpu), baselineName) = clientPort is null
            ? (await ReadJsonAsync(Path.Combine(folder.Path, "raw.duckdb"), files), "DuckDB read_json    : {0} (CREATE TABLE AS SELECT * FROM read_json(pages), file database)")
            : ((await ClickHouseClientAsync(clientPort, folder.Path, pages), TimeSpan.Zero), "clickhouse-client   : {0} (INSERT … FORMAT JSONEachRow of the same rows, MergeTree)");

        await using var host = await BenchHost.StartAsync(_ => { }, ["--Analytics:DuckDbPath=" + Path.Combine(folder.Path, "ours.duckdb"), .. hostArgs]);
        var store = host.App.Services.GetRequiredService<IAnalyticsStore>();
        await store.EnsureTableAsync(WildberriesTables.Orders, CancellationToken.None);
        var account = Guid.NewGuid();
        var parse = TimeSpan.Zero;
        var checkpoint = new SyncCheckpointRecord { AccountId = account, Dataset = "wb-orders" };
        var saves = 0;
        // The collectors' own path: each page read as it arrives, pages loaded in batches, the checkpoint saved after each batch.
        var run = new DatasetRun(account, string.Empty, null, checkpoint, null, store, _ => { saves++; return Task.CompletedTask; }, null, TimeProvider.System, host.App.Services);
        var (cpu, pauses) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalPauseDuration());
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < pages.Count; i++)
        {
            var parsing = Stopwatch.StartNew();
            var read = WildberriesStatistics.ReadPage(pages[i], WildberriesTables.OrderFields, WildberriesTables.OrderRow, account, DateTime.UtcNow);
            parse += parsing.Elapsed;
            await run.CommitPageAsync(WildberriesTables.Orders, read.Rows, read.Rejected, "page" + i.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        }

        await run.FlushAsync(CancellationToken.None);
        watch.Stop();
        (cpu, pauses) = (Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalPauseDuration() - pauses);
        var stored = Convert.ToInt64((await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {WildberriesTables.Orders}"), CancellationToken.None)).Scalar(), CultureInfo.InvariantCulture);
        var ours = total / watch.Elapsed.TotalSeconds;
        var baseline = total / raw.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            pages               : {pages.Count} x up to {PageSize:N0} rows, {total:N0} orders, {pages.Sum(p => p.Length) / 1024.0 / 1024.0:0.0} MiB of JSON
            {string.Format(CultureInfo.InvariantCulture, baselineName, string.Create(CultureInfo.InvariantCulture, $"{raw.TotalSeconds:0.00} s, {baseline:N0} rows/s{(rawCpu > TimeSpan.Zero ? $", CPU {rawCpu.TotalSeconds:0.00} s" : "")}"))}
            Custodian load      : {watch.Elapsed.TotalSeconds:0.00} s, {ours:N0} rows/s, CPU {cpu.TotalSeconds:0.00} s, GC pauses {pauses.TotalMilliseconds:0} ms (parse + validate + map {parse.TotalSeconds:0.00} s, upsert by key into {store.EngineName} in {saves} batches of up to {DatasetRun.LoadBatchRows:N0} rows); {stored:N0} rows stored
            ratio               : {ours / baseline:0.00}x of the engine's own loader (goal >= {(clientPort is null ? "1.0" : "0.8")}x)
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

    /// <summary>Wall and CPU time (DuckDB runs in this process) of the engine's own loader.</summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> ReadJsonAsync(string database, List<string> files)
    {
        using var connection = new DuckDBConnection("Data Source=" + database);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        var list = string.Join(", ", files.Select(f => "'" + f + "'"));
        command.CommandText = $"CREATE TABLE raw_orders AS SELECT * FROM read_json([{list}], format = 'array')";
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await command.ExecuteNonQueryAsync();
        return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    /// <summary>The same orders as newline-delimited objects, inserted by clickhouse-client into a MergeTree table of the fields' own types.</summary>
    private static async Task<TimeSpan> ClickHouseClientAsync(string port, string folder, List<byte[]> pages)
    {
        var file = Path.Combine(folder, "orders.ndjson");
        await using (var output = File.Create(file))
        {
            foreach (var page in pages)
            {
                using var json = System.Text.Json.JsonDocument.Parse(page);
                foreach (var order in json.RootElement.EnumerateArray())
                {
                    await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(order.GetRawText() + "\n"));
                }
            }
        }

        const string Database = "custodian_bench_raw";
        await ClientAsync(port, $"CREATE DATABASE IF NOT EXISTS {Database}", null);
        await ClientAsync(port, $"DROP TABLE IF EXISTS {Database}.raw_orders", null);
        await ClientAsync(port, $"CREATE TABLE {Database}.raw_orders (date String, lastChangeDate String, warehouseName String, warehouseType String, countryName String, oblastOkrugName String, regionName String, " +
            "supplierArticle String, nmId UInt64, barcode String, category String, subject String, brand String, techSize String, incomeID UInt64, totalPrice Float64, discountPercent Int32, " +
            "spp Float64, finishedPrice Float64, priceWithDisc Float64, cancelDate String, sticker String, gNumber String, srid String) ENGINE = MergeTree ORDER BY srid", null);
        var watch = Stopwatch.StartNew();
        await ClientAsync(port, $"INSERT INTO {Database}.raw_orders FORMAT JSONEachRow", file);
        watch.Stop();
        await ClientAsync(port, $"DROP DATABASE {Database}", null);
        return watch.Elapsed;
    }

    private static async Task ClientAsync(string port, string query, string? input)
    {
        var start = new ProcessStartInfo("clickhouse-client", ["--host", "127.0.0.1", "--port", port, "--input_format_skip_unknown_fields=1", "--query", query]) { RedirectStandardInput = input is not null, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await using (var source = File.OpenRead(input))
            {
                await source.CopyToAsync(process.StandardInput.BaseStream);
            }

            process.StandardInput.Close();
        }

        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"clickhouse-client exited with code {process.ExitCode}: {error}");
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("custodian-wb-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
