using System.Security.Cryptography;
using System.Text;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Protection;

public sealed class VaultTests
{
    private static readonly FieldAddress Email = new("training_enrolments", "email", "row-1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Values_of_every_supported_type_round_trip(Engine engine)
    {
        await using var host = await KernelHost.StartAsync(engine);
        var vault = host.Get<IPersonalDataVault>();
        var scope = KeyScope.Subject(SubjectId.New());

        Assert.Equal("anna@example.fi", await RoundTrip(vault, scope, "anna@example.fi"));
        Assert.Equal(new DateOnly(1952, 10, 13), await RoundTrip(vault, scope, new DateOnly(1952, 10, 13)));
        Assert.Equal(1234.56m, await RoundTrip(vault, scope, 1234.56m));
        Assert.Equal(-42L, await RoundTrip(vault, scope, -42L));
        Assert.True(await RoundTrip(vault, scope, true));
        Assert.Equal([1, 2, 3], await RoundTrip(vault, scope, new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public async Task A_value_moved_to_another_row_or_column_does_not_decrypt()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();
        var sealedValue = await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct);

        var otherRow = await Assert.ThrowsAsync<CryptographicException>(() => vault.OpenAsync(sealedValue, Email with { RowId = "row-2" }, Ct).AsTask());
        await Assert.ThrowsAsync<CryptographicException>(() => vault.OpenAsync(sealedValue, Email with { Column = "phone" }, Ct).AsTask());

        Assert.Equal("The value at training_enrolments/email/row-2 was altered or belongs to another field or row.", otherRow.Message);
    }

    [Fact]
    public async Task Crypto_shredding_erases_one_subject_and_leaves_the_others_readable()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();
        var anna = KeyScope.Subject(SubjectId.New());
        var pekka = KeyScope.Subject(SubjectId.New());
        var annas = await vault.SealAsync(anna, Email, "anna@example.fi", Ct);
        var pekkas = await vault.SealAsync(pekka, Email, "pekka@example.fi", Ct);

        await vault.ShredAsync(anna, Ct);

        var erased = await vault.OpenAsync(annas, Email, Ct);
        Assert.True(erased.IsErased);
        Assert.Equal("[erased]", erased.ToString());
        Assert.Equal("pekka@example.fi", (await vault.OpenAsync(pekkas, Email, Ct)).Value);
        // A fresh process (empty key cache) sees the same: the key is gone from the database.
        await using var restarted = host.Services.CreateAsyncScopeFromNewRing();
        Assert.True((await restarted.Vault.OpenAsync(annas, Email, Ct)).IsErased);
    }

    [Fact]
    public async Task A_corrupted_key_id_is_an_error_not_an_erasure()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();
        var bytes = (await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct)).Ciphertext.ToArray();
        bytes[5] ^= 0x40;

        var error = await Assert.ThrowsAsync<CryptographicException>(() => vault.OpenAsync(Encrypted.FromCiphertext<string>(bytes), Email, Ct).AsTask());

        Assert.Contains("never existed here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_is_refused_with_a_clear_message()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);

        var error = await Assert.ThrowsAsync<CryptographicException>(() =>
            host.Get<IPersonalDataVault>().OpenAsync(Encrypted.FromCiphertext<string>(Encoding.UTF8.GetBytes("anna@example.fi")), Email, Ct).AsTask());

        Assert.Equal("The value at training_enrolments/email/row-1 is not a Custodian ciphertext (format 1).", error.Message);
    }

    [Fact]
    public async Task Rotation_gives_new_writes_a_new_key_and_rewrapping_keeps_old_values_readable()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();
        var ring = host.Get<KeyRing>();
        var keys = host.Get<IKeyProvider>();
        var scope = KeyScope.Subject(SubjectId.New());
        var before = await vault.SealAsync(scope, Email, "anna@example.fi", Ct);

        Assert.Equal(1, await ring.RotateDataKeysAsync(Ct));
        var after = await vault.SealAsync(scope, Email, "anna@example.fi", Ct);
        var newKek = keys.AddKekVersion();
        var rewrapped = await ring.RewrapAsync(batchSize: 1, progress: null, Ct);
        keys.RetireKekVersionsBefore(newKek);

        Assert.NotEqual(KeyId(before), KeyId(after));
        Assert.Equal(2, rewrapped);
        Assert.Equal([newKek], keys.KekVersions);
        Assert.Contains(KeyId(before), await ring.SupersededKeyIdsAsync(Ct));
        await using var restarted = host.Services.CreateAsyncScopeFromNewRing();
        Assert.Equal("anna@example.fi", (await restarted.Vault.OpenAsync(before, Email, Ct)).Value);
        Assert.Equal("anna@example.fi", (await restarted.Vault.OpenAsync(after, Email, Ct)).Value);
    }

    [Fact]
    public async Task Blind_indexes_are_keyed_and_separate_identifier_kinds()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        await using var other = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();

        var index = vault.BlindIndex("email", "anna@example.fi");

        Assert.Equal(index, vault.BlindIndex("email", "anna@example.fi"));
        Assert.NotEqual(index, vault.BlindIndex("phone", "anna@example.fi"));
        Assert.NotEqual(index, SHA256.HashData(Encoding.UTF8.GetBytes("email:anna@example.fi")));
        Assert.NotEqual(index, other.Get<IPersonalDataVault>().BlindIndex("email", "anna@example.fi"));
    }

    [Theory]
    [InlineData(IdentifierType.Email, " Anna.Virtanen@Example.FI ", "anna.virtanen@example.fi")]
    [InlineData(IdentifierType.Phone, "+358 40 123 4567", "+358401234567")]
    [InlineData(IdentifierType.Hetu, "131052a308t", "131052A308T")]
    public async Task Blind_indexes_of_identifiers_use_the_normalised_form(IdentifierType type, string written, string normalised)
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();

        Assert.Equal(vault.BlindIndexOf(type, normalised), vault.BlindIndexOf(type, written));
        Assert.Contains("Not a valid Hetu: check character", Assert.Throws<ArgumentException>(() => vault.BlindIndexOf(IdentifierType.Hetu, "131052-308U")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shredding_a_subject_writes_one_audit_entry_about_that_subject_and_shredding_again_writes_none()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();
        var anna = SubjectId.New();
        await vault.SealAsync(KeyScope.Subject(anna), Email, "anna@example.fi", Ct);
        await host.Get<KeyRing>().RotateDataKeysAsync(Ct);

        Assert.Equal(2, await vault.ShredAsync(KeyScope.Subject(anna), Ct));
        Assert.Equal(0, await vault.ShredAsync(KeyScope.Subject(anna), Ct));

        var entry = Assert.Single(await AuditAsync(host), e => e.Action == "key.shred");
        Assert.Equal(anna.ToString(), entry.Subject);
        Assert.Equal(host.Get<ICurrentActor>().Actor, entry.Actor);
    }

    [Fact]
    public async Task Shredding_a_purpose_key_is_audited_without_a_subject()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();
        var scope = KeyScope.Purpose("training", "marketing");
        await vault.SealAsync(scope, Email, "anna@example.fi", Ct);

        Assert.Equal(1, await vault.ShredAsync(scope, Ct));

        Assert.Null(Assert.Single(await AuditAsync(host), e => e.Action == "key.shred").Subject);
    }

    [Fact]
    public async Task Two_seals_of_one_value_in_one_field_differ_and_both_open()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var vault = host.Get<IPersonalDataVault>();
        var scope = KeyScope.Subject(SubjectId.New());

        var first = await vault.SealAsync(scope, Email, "anna@example.fi", Ct);
        var second = await vault.SealAsync(scope, Email, "anna@example.fi", Ct);

        Assert.Equal(KeyId(first), KeyId(second));
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
        Assert.Equal("anna@example.fi", (await vault.OpenAsync(first, Email, Ct)).Value);
        Assert.Equal("anna@example.fi", (await vault.OpenAsync(second, Email, Ct)).Value);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(400)]
    public async Task Long_values_in_three_byte_characters_round_trip(int length)
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);

        var text = new string('€', length);

        Assert.Equal(text, await RoundTrip(host.Get<IPersonalDataVault>(), KeyScope.Subject(SubjectId.New()), text));
    }

    private static async Task<IReadOnlyList<AuditEntryRecord>> AuditAsync(KernelHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditReader>().ReadAsync(1, null, Ct);
    }

    private static async Task<T> RoundTrip<T>(IPersonalDataVault vault, KeyScope scope, T value)
    {
        var sealedValue = await vault.SealAsync(scope, Email, value, Ct);
        var opened = await vault.OpenAsync(sealedValue, Email, Ct);
        Assert.False(opened.IsErased);
        return opened.Value!;
    }

    private static Guid KeyId<T>(Encrypted<T> value) => new(value.Ciphertext.AsSpan(1, 16));
}
