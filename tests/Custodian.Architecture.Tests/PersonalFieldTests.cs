using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Declarations;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Architecture.Tests;

/// <summary>
/// Every column named like a declared personal field is stored encrypted (or as a blind index), and every
/// encrypted column is a declared field: module code cannot persist personal data in clear, or undeclared.
/// </summary>
public sealed class PersonalFieldTests
{
    /// <summary>
    /// Encrypted secrets that are credentials, not personal data a register declares: a staff member's TOTP secret
    /// (staff accounts are the deploying organisation's employee data, outside the services' registers: ADR 0018), a
    /// seller's embed-signing secret (sealed under the seller's key so it is shredded with them: ADR 0049).
    /// </summary>
    private static readonly HashSet<string> Credentials = ["identity_staff_accounts.totp_secret", "identity_staff_accounts.pending_totp_secret", "marketplace_embed_settings.secret"];

    /// <summary>
    /// Declared fields kept in clear on purpose: the technical access store's visit data names no subject, so there is
    /// no subject key to seal it with; it is kept apart from identity data (its own context), for 30 days (ADR 0049).
    /// </summary>
    private static readonly HashSet<string> TechnicalData = ["privacy_technical_access.remote_address", "privacy_technical_access.browser"];

    private static readonly RegisterCatalog Registers = RegisterCatalog.Load(Path.Combine(Repository.Root, "registers"));

    [Fact]
    public void Every_production_dbcontext_stores_declared_fields_encrypted_only()
    {
        var contexts = ProductionAssemblies.Load()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(DbContext)) && !t.IsAbstract)
            .ToList();
        Assert.Contains(contexts, c => c.Name == "PrivacyDb");

        Assert.Empty(contexts.SelectMany(Violations));
    }

    [Fact]
    public void The_rule_catches_a_clear_text_personal_column_and_an_undeclared_encrypted_one() =>
        Assert.Equal(
            ["LeakyDb.leaky_people.email: declared personal field stored as String, not Encrypted<T>", "LeakyDb.leaky_people.shoe_size: encrypted but not a field of any register"],
            Violations(typeof(LeakyDb)));

    private static List<string> Violations(Type contextType)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        var options = builder.UseSqlite("Data Source=:memory:").Options;
        using var context = (DbContext)Activator.CreateInstance(contextType, options)!;
        var declared = Registers.Registers.SelectMany(r => r.Categories).SelectMany(c => c.Fields).ToHashSet(StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var entity in context.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName();
                var encrypted = property.ClrType.IsGenericType && property.ClrType.GetGenericTypeDefinition() == typeof(Encrypted<>);
                var where = $"{contextType.Name}.{entity.GetTableName()}.{column}";
                if (declared.Contains(column) && !encrypted && !TechnicalData.Contains($"{entity.GetTableName()}.{column}"))
                {
                    violations.Add($"{where}: declared personal field stored as {property.ClrType.Name}, not Encrypted<T>");
                }
                else if (encrypted && !declared.Contains(column) && !Credentials.Contains($"{entity.GetTableName()}.{column}"))
                {
                    violations.Add($"{where}: encrypted but not a field of any register");
                }
            }
        }

        return violations;
    }
}

public sealed class LeakyPerson
{
    public Guid Id { get; set; }

    public string Email { get; set; } = string.Empty;

    public Encrypted<string> ShoeSize { get; set; } = null!;
}

public sealed class LeakyDb(DbContextOptions<LeakyDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<LeakyPerson>(person =>
        {
            person.ToTable("leaky_people");
            person.Property(p => p.Email).HasColumnName("email");
            person.Property(p => p.ShoeSize).HasColumnName("shoe_size").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
        });
}
