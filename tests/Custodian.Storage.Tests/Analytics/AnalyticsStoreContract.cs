using Custodian.Privacy.Abstractions.Analytics;
using FsCheck;
using FsCheck.Fluent;

namespace Custodian.Storage.Tests.Analytics;

/// <summary>
/// What every analytics engine must do, run against the real engines (DuckDB file, ClickHouse server).
/// </summary>
public abstract class AnalyticsStoreContract : IAsyncLifetime
{
    private static readonly AnalyticsColumn[] SalesColumns =
    [
        new("seller_id", AnalyticsType.Int32),
        new("srid", AnalyticsType.String),
        new("day", AnalyticsType.Date),
        new("quantity", AnalyticsType.Int32),
        new("amount", AnalyticsType.Decimal, Precision: 18, Scale: 2),
    ];

    protected abstract IAnalyticsStore Store { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public abstract ValueTask InitializeAsync();

    public abstract ValueTask DisposeAsync();

    [Fact]
    public async Task Hundred_thousand_rows_load_and_aggregate_exactly()
    {
        var sales = await CreateTableAsync("sales", SalesColumns, ["seller_id", "srid"]);
        const int rows = 100_000;
        var start = new DateOnly(2026, 1, 1);

        var sent = await Store.UpsertAsync(sales, Generate(rows, i => [i % 7, $"S{i:D8}", start.AddDays(i % 90), 1 + (i % 5), 10.25m + (i % 100)]), Ct);

        Assert.Equal(rows, sent);
        var totals = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) AS n, sum(quantity) AS q, sum(amount) AS a FROM {sales}"), Ct);
        Assert.Equal((long)rows, totals[0, "n"]);
        Assert.Equal(Enumerable.Range(0, rows).Sum(i => 1L + (i % 5)), totals[0, "q"]);
        Assert.Equal(Enumerable.Range(0, rows).Sum(i => 10.25m + (i % 100)), totals[0, "a"]);
        var perSeller = await Store.QueryAsync(AnalyticsQuery.Sql(
            $"SELECT seller_id, count(*) AS n FROM {sales} WHERE day >= {start.AddDays(30)} GROUP BY seller_id ORDER BY seller_id"), Ct);
        Assert.Equal(7, perSeller.Rows.Count);
        Assert.Equal(Enumerable.Range(0, rows).Count(i => i % 7 == 3 && i % 90 >= 30), (long)perSeller[3, "n"]!);
    }

    [Fact]
    public async Task A_large_reload_with_a_key_repeated_inside_it_keeps_one_row_per_key_the_last_one_sent()
    {
        // Large enough for an engine to split the load (DuckDB appends halves on two connections at once).
        var sales = await CreateTableAsync("big_reload", SalesColumns, ["seller_id", "srid"]);
        const int rows = 150_000;
        var day = new DateOnly(2026, 3, 1);
        await Store.UpsertAsync(sales, Generate(rows, i => [i % 3, $"B{i}", day, 1, 1m]), Ct);

        // Every key again with a new amount, and the first thousand keys a third time later in the same load.
        await Store.UpsertAsync(sales, Generate(rows + 1000, i => i < rows ? [i % 3, $"B{i}", day, 1, 2m] : [(i - rows) % 3, $"B{i - rows}", day, 1, 5m]), Ct);

        var totals = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) AS n, count(DISTINCT srid) AS keys, sum(amount) AS a FROM {sales}"), Ct);
        Assert.Equal((long)rows, totals[0, "n"]);
        Assert.Equal((long)rows, totals[0, "keys"]);
        Assert.Equal(((rows - 1000) * 2m) + (1000 * 5m), totals[0, "a"]);
    }

    [Fact]
    public async Task Reloading_the_same_facts_replaces_them_instead_of_duplicating()
    {
        var sales = await CreateTableAsync("reload", SalesColumns, ["seller_id", "srid"]);
        var day = new DateOnly(2026, 3, 1);
        await Store.UpsertAsync(sales, Generate(1000, i => [1, $"R{i}", day, 1, 100m]), Ct);

        // The marketplace corrected every amount; a rolling re-collection loads the same keys again.
        await Store.UpsertAsync(sales, Generate(1000, i => [1, $"R{i}", day, 1, 150m]), Ct);
        await Store.UpsertAsync(sales, Generate(2, i => [1, "R-dup", day, 1, 10m * (i + 1)]), Ct);

        var totals = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) AS n, sum(amount) AS a FROM {sales}"), Ct);
        Assert.Equal(1001L, totals[0, "n"]);
        Assert.Equal(150_020m, totals[0, "a"]);
    }

    [Fact]
    public async Task Two_upserts_with_disjoint_keys_at_once_each_replace_only_their_own_keys()
    {
        var sales = await CreateTableAsync("disjoint", SalesColumns, ["seller_id", "srid"]);
        var day = new DateOnly(2026, 3, 1);
        await Store.UpsertAsync(sales, Generate(60_000, i => [i % 2 == 0 ? 1 : 2, $"R{i}", day, 1, 100m]), Ct);

        // Two loads of two tenants' corrected rows (and new ones) run at the same time, as a collection run's batches do.
        await Task.WhenAll(
            Task.Run(() => Store.UpsertDisjointAsync(sales, Generate(40_000, i => [1, $"R{i * 2}", day, 1, 150m]), Ct), Ct),
            Task.Run(() => Store.UpsertDisjointAsync(sales, Generate(40_000, i => [2, $"R{(i * 2) + 1}", day, 1, 120m]), Ct), Ct));

        var totals = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT seller_id, count(*) AS n, count(DISTINCT srid) AS keys, sum(amount) AS a FROM {sales} GROUP BY seller_id ORDER BY seller_id"), Ct);
        // Every old row of each tenant was replaced by its own load (none left at 100), and each load's new keys were added.
        Assert.Equal(2, totals.Rows.Count);
        Assert.Equal((40_000L, 40_000L, 6_000_000m), ((long)totals[0, "n"]!, (long)totals[0, "keys"]!, (decimal)totals[0, "a"]!));
        Assert.Equal((40_000L, 40_000L, 4_800_000m), ((long)totals[1, "n"]!, (long)totals[1, "keys"]!, (decimal)totals[1, "a"]!));
    }

    [Fact]
    public async Task Every_type_and_null_round_trips_with_engine_independent_values()
    {
        var table = await CreateTableAsync("types", [
            new("id", AnalyticsType.Int64),
            new("text", AnalyticsType.String, Nullable: true),
            new("small", AnalyticsType.Int32, Nullable: true),
            new("money", AnalyticsType.Decimal, Nullable: true, Precision: 18, Scale: 4),
            new("ratio", AnalyticsType.Float64, Nullable: true),
            new("flag", AnalyticsType.Boolean, Nullable: true),
            new("day", AnalyticsType.Date, Nullable: true),
            new("happened_at", AnalyticsType.DateTime, Nullable: true),
            new("uid", AnalyticsType.Uuid, Nullable: true),
        ], ["id"]);
        var at = new DateTimeOffset(2026, 11, 23, 9, 30, 15, TimeSpan.FromHours(3));
        var uid = Guid.Parse("5b0f5e1e-8c1e-4c57-9a57-0f8d7c6a2b11");
        await Store.UpsertAsync(table, Rows(
            [1L, "Ёлка\tи\nпалка \\ 'x'", -5, 1234.5678m, 0.25, true, new DateOnly(2026, 2, 28), at, uid],
            [2L, null, null, null, null, null, null, null, null]), Ct);

        var result = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT id, text, small, money, ratio, flag, day, happened_at, uid FROM {table} ORDER BY id"), Ct);

        Assert.Equal([1L, "Ёлка\tи\nпалка \\ 'x'", -5L, 1234.5678m, 0.25, FlagValue(true), new DateOnly(2026, 2, 28), new DateTime(2026, 11, 23, 6, 30, 15, DateTimeKind.Utc), uid], result.Rows[0]);
        Assert.Equal([2L, null, null, null, null, null, null, null, null], result.Rows[1]);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)result.Rows[0][7]!).Kind);
    }

    [Fact]
    public async Task Values_in_queries_are_literals_never_sql()
    {
        var sales = await CreateTableAsync("inject", SalesColumns, ["seller_id", "srid"]);
        await Store.UpsertAsync(sales, Rows([1, "A", new DateOnly(2026, 1, 1), 1, 1m]), Ct);
        var hostile = "A' OR '1'='1'; DROP TABLE inject_x; --\\";

        var result = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) AS n FROM {sales} WHERE srid = {hostile}"), Ct);

        Assert.Equal(0L, result.Scalar());
        Assert.Equal(1L, (await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {sales}"), Ct)).Scalar());
    }

    [Fact]
    public async Task Any_text_survives_insert_and_query_literal_unchanged()
    {
        var notes = await CreateTableAsync("notes", [new("id", AnalyticsType.Int32), new("body", AnalyticsType.String)], ["id"]);
        var texts = Gen.Sample(ArbMap.Default.GeneratorFor<NonNull<string>>(), 200)
            .Select(s => s.Get.Replace("\0", "", StringComparison.Ordinal)) // NUL is not valid inside DuckDB text
            .Concat(["", "\\N", "'", "\\", "\t\n\r", "😀 emoji", "\u001b[31m"]).Distinct().ToList();

        await Store.UpsertAsync(notes, Generate(texts.Count, i => [i, texts[i]]), Ct);

        var stored = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT id, body FROM {notes} ORDER BY id"), Ct);
        Assert.Equal(texts, stored.Rows.Select(r => (string)r[1]!));
        foreach (var text in texts.Take(40))
        {
            var echoed = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {notes} WHERE body = {text}"), Ct);
            Assert.Equal(1L, echoed.Scalar());
        }
    }

    [Fact]
    public async Task A_row_with_the_wrong_shape_is_refused_before_anything_is_stored()
    {
        var sales = await CreateTableAsync("shape", SalesColumns, ["seller_id", "srid"]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.UpsertAsync(sales, Rows([1, "A", new DateOnly(2026, 1, 1), 1]), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.UpsertAsync(sales, Rows([1, "A", "yesterday", 1, 1m]), Ct));

        Assert.Equal(0L, (await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {sales}"), Ct)).Scalar());
    }

    [Fact]
    public async Task The_earliest_day_of_no_rows_is_null_on_every_engine()
    {
        var sales = await CreateTableAsync("empty_days", SalesColumns, ["seller_id", "srid"]);
        await Store.UpsertAsync(sales, Rows([1, "A", new DateOnly(2026, 1, 5), 1, 1m]), Ct);

        var none = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT min(day) AS first_day FROM {sales} WHERE seller_id = {2}"), Ct);
        var some = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT min(day) AS first_day FROM {sales} WHERE seller_id = {1}"), Ct);

        Assert.Null(none.Scalar());
        Assert.Equal(new DateOnly(2026, 1, 5), some.Scalar());
    }

    [Fact]
    public async Task Deleting_one_tenants_rows_leaves_the_others_and_is_visible_when_it_returns()
    {
        var sales = await CreateTableAsync("tenants", SalesColumns, ["seller_id", "srid"]);
        await Store.UpsertAsync(sales, Generate(3000, i => [i % 3, $"T{i}", new DateOnly(2026, 2, 1), 1, 2m]), Ct);
        var notCreated = new AnalyticsTable("never_created", SalesColumns, ["seller_id", "srid"]);
        await Store.DropTableAsync(notCreated, Ct);

        await Store.DeleteWhereAsync(sales, "seller_id", 1, Ct);
        await Store.DeleteWhereAsync(notCreated, "seller_id", 1, Ct);

        var left = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT seller_id, count(*) AS n FROM {sales} GROUP BY seller_id ORDER BY seller_id"), Ct);
        Assert.Equal([(0, 1000L), (2, 1000L)], left.Rows.Select(r => (Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture), (long)r[1]!)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteWhereAsync(sales, "no_such_column", 1, Ct));
        await Store.DropTableAsync(notCreated, Ct);
    }

    [Fact]
    public async Task Deleting_several_tenants_in_one_statement_leaves_the_others_and_no_values_delete_nothing()
    {
        var sales = await CreateTableAsync("several_tenants", SalesColumns, ["seller_id", "srid"]);
        await Store.UpsertAsync(sales, Generate(4000, i => [i % 4, $"T{i}", new DateOnly(2026, 2, 1), 1, 2m]), Ct);

        await Store.DeleteWhereAsync(sales, "seller_id", [1, 3], Ct);
        await Store.DeleteWhereAsync(sales, "seller_id", Array.Empty<object>(), Ct);

        var left = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT seller_id, count(*) AS n FROM {sales} GROUP BY seller_id ORDER BY seller_id"), Ct);
        Assert.Equal([(0, 1000L), (2, 1000L)], left.Rows.Select(r => (Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture), (long)r[1]!)));
    }

    [Fact]
    public async Task Money_sent_as_a_double_with_float_noise_is_stored_at_the_columns_scale_and_a_real_extra_digit_is_refused()
    {
        var sales = await CreateTableAsync("float_noise", SalesColumns, ["seller_id", "srid"]);

        await Store.UpsertAsync(sales, Generate(1, _ => [1, "N1", new DateOnly(2026, 2, 1), 1, 0.9400000000000001m]), Ct);
        var refused = await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.UpsertAsync(sales, Generate(1, _ => [1, "N2", new DateOnly(2026, 2, 1), 1, 12.345m]), Ct));

        var stored = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT amount FROM {sales} WHERE srid = {"N1"}"), Ct);
        Assert.Equal(0.94m, stored.Scalar());
        Assert.Contains("keeps 2 decimals", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task A_nullable_column_added_in_a_later_version_is_added_to_the_existing_table_and_old_rows_read_null()
    {
        var before = await CreateTableAsync("widened", SalesColumns, ["seller_id", "srid"]);
        await Store.UpsertAsync(before, Rows([1, "W1", new DateOnly(2026, 3, 1), 1, 10m]), Ct);

        var after = new AnalyticsTable("widened", [.. SalesColumns, new("fee", AnalyticsType.Decimal, Nullable: true), new("note", AnalyticsType.String, Nullable: true)], ["seller_id", "srid"]);
        await Store.EnsureTableAsync(after, Ct);
        await Store.EnsureTableAsync(after, Ct); // idempotent
        await Store.UpsertAsync(after, Rows([1, "W2", new DateOnly(2026, 3, 2), 1, 20m, 1.5m, "x"]), Ct);

        var rows = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT srid, fee, note, amount FROM {after} ORDER BY srid"), Ct);
        Assert.Equal(2, rows.Rows.Count);
        Assert.Null(rows[0, "fee"]);
        Assert.Null(rows[0, "note"]);
        Assert.Equal(10m, rows[0, "amount"]);
        Assert.Equal(1.5m, rows[1, "fee"]);
        Assert.Equal("x", rows[1, "note"]);
    }

    /// <summary>Booleans read back as bool on DuckDB and as 0/1 on ClickHouse 18.16 (no Bool type there).</summary>
    protected abstract object FlagValue(bool value);

    protected async Task<AnalyticsTable> CreateTableAsync(string name, IReadOnlyList<AnalyticsColumn> columns, IReadOnlyList<string> key)
    {
        var table = new AnalyticsTable(name, columns, key);
        await Store.DropTableAsync(table, Ct);
        await Store.EnsureTableAsync(table, Ct);
        await Store.EnsureTableAsync(table, Ct); // idempotent
        return table;
    }

    protected static async IAsyncEnumerable<object?[]> Generate(int count, Func<int, object?[]> row)
    {
        for (var i = 0; i < count; i++)
        {
            yield return row(i);
        }

        await Task.CompletedTask;
    }

    protected static IAsyncEnumerable<object?[]> Rows(params object?[][] rows) => Generate(rows.Length, i => rows[i]);
}
