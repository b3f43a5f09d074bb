using System.Text;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Declarations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>
/// Writes known personal values through the vault into a table shaped like a module's (every declared field of the
/// training register, encrypted, plus blind indexes) and scans the raw database for them: zero hits.
/// </summary>
public sealed class PlaintextScanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task No_declared_personal_value_reaches_the_database_in_clear(Engine engine)
    {
        await using var host = await KernelHost.StartAsync(engine);
        var training = host.Get<RegisterCatalog>().Find("training")!;
        var values = training.Categories.SelectMany(c => c.Fields).ToDictionary(f => f, f => $"known-{f}-Äänekoski-{Guid.NewGuid():N}");
        values["email"] = "anna.scan.virtanen@example.fi";
        values["hetu"] = "131052-308T";
        var subject = SubjectId.New();

        await using (var scope = host.Scope())
        {
            var db = ProbeDb.Create(scope.ServiceProvider);
            await db.Database.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(Ct);
            var vault = scope.ServiceProvider.GetRequiredService<IPersonalDataVault>();
            foreach (var (field, value) in values)
            {
                var id = Guid.NewGuid();
                db.Values.Add(new ProbeRow
                {
                    Id = id,
                    Field = field,
                    Value = await vault.SealAsync(KeyScope.Subject(subject), new FieldAddress("probe_values", field, id.ToString()), value, Ct),
                    Index = vault.BlindIndex(field, value),
                });
            }

            await db.SaveChangesAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<IConsentLedger>().GiveAsync(subject, new ConsentPurpose("training", "marketing"), "I want course offers by e-mail.", new ConsentEvidence(ConsentChannel.WebForm, "form-123"), Ct);
        }

        var raw = engine == Engine.Sqlite ? await RawDatabase.SqliteAsync(host.DataPath, "custodian.db") : await RawDatabase.PostgresDumpAsync(host.PostgresConnectionString!);

        Assert.True(raw.Length > 1_000, "the scan must see the database");
        // The scan really reads row contents: the (non-personal) consent evidence reference is there in clear.
        Assert.True(ByteSearch.Contains(raw, Encoding.UTF8.GetBytes("form-123")), "the scan does not see row data");
        foreach (var (field, value) in values)
        {
            Assert.False(ByteSearch.Contains(raw, Encoding.UTF8.GetBytes(value)), $"{field} found in clear");
            Assert.False(ByteSearch.Contains(raw, Encoding.Unicode.GetBytes(value)), $"{field} found in clear (UTF-16)");
        }
    }

    private static class ByteSearch
    {
        public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
    }
}

/// <summary>A module-like table: ciphertext and blind index columns only.</summary>
public sealed class ProbeRow
{
    public Guid Id { get; set; }

    public string Field { get; set; } = string.Empty;

    public Encrypted<string> Value { get; set; } = null!;

    public byte[] Index { get; set; } = [];
}

public sealed class ProbeDb(DbContextOptions<ProbeDb> options) : DbContext(options)
{
    public DbSet<ProbeRow> Values => Set<ProbeRow>();

    public static ProbeDb Create(IServiceProvider services)
    {
        var builder = new DbContextOptionsBuilder<ProbeDb>();
        Storage.Records.RecordsDatabase.UseProvider(builder, services.GetRequiredService<Storage.Records.DatabaseSettings>());
        return new ProbeDb(builder.Options);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ProbeRow>(row =>
        {
            row.ToTable("probe_values");
            row.Property(r => r.Value).HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
        });
}
