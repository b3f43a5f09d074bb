using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Modules.Marketplace.Support;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The sellers' provider keeps the contract every module's provider keeps.</summary>
public sealed class SellerProviderContractTests : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => new Fixture(await MarketplaceWorld.StartAsync());

    private sealed class Fixture(MarketplaceWorld world) : IProviderFixture
    {
        private readonly AsyncServiceScope _scope = world.Services.CreateAsyncScope();
        private int _seed = 40;

        public IPersonalDataProvider Provider => _scope.ServiceProvider.GetServices<IPersonalDataProvider>().OfType<SellerDataProvider>().Single();

        public string Register => SellerDataProvider.Register;

        public IPersonalDataVault Vault => _scope.ServiceProvider.GetRequiredService<IPersonalDataVault>();

        /// <summary>
        /// A seller with an account and a stock threshold on it; asked for a hold, also what would be held in a register with grounds for it: a paid
        /// period and support correspondence. This register declares none (the invoices and payments of the periods are
        /// the billing register's records), so the contract checks that erasure leaves none of them and reports no hold.
        /// </summary>
        public async Task<SeededSubject> SeedSubjectAsync(bool withHold, CancellationToken cancellationToken)
        {
            var services = _scope.ServiceProvider;
            var email = $"{Guid.NewGuid():N}@example.ru";
            var seller = await services.GetRequiredService<AddSeller>().AddAsync(email, "Анна", "operator", true, cancellationToken);
            var account = await services.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(seller.Id, world.Token(Interlocked.Increment(ref _seed)), cancellationToken);
            var db = services.GetRequiredService<MarketplaceDb>();
            db.StockThresholds.Add(new StockThresholdRecord { Id = Guid.CreateVersion7(), SellerId = seller.Id, AccountId = account.Id, Sku = 100_000_000 + _seed, Threshold = 10, UpdatedAtUtc = world.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            var records = 3; // the seller, the account and a stock threshold of it
            if (withHold)
            {
                await services.GetRequiredService<ISellerSubscriptions>().RecordPaidPeriodAsync(seller.Id, "business", 3, cancellationToken);
                await services.GetRequiredService<ISupportInbox>().ReplyAsync(seller.Id, "Ваш счёт оплачен, спасибо.", cancellationToken);
                records += 2;
            }

            var vault = services.GetRequiredService<IPersonalDataVault>();
            var record = new RecordRef(Register, "seller", seller.Id.ToString("N"));
            return new SeededSubject(new SubjectId(seller.SubjectId), [new SubjectIdentifier(IdentifierType.Email, vault.BlindIndexOf(IdentifierType.Email, email))], records, Held: false, (record, "full_name"));
        }

        public async ValueTask DisposeAsync()
        {
            await _scope.DisposeAsync();
            await world.DisposeAsync();
        }
    }
}

/// <summary>Erasure of a seller through the kernel's contract reaches the keys: their ciphertext cannot be read afterwards.</summary>
public sealed class SellerErasureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasing_a_seller_destroys_the_keys_and_a_restricted_seller_is_not_collected()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var account = await world.ConnectSellerAsync(12);
        var (subject, token) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MarketplaceDb>();
            var stored = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account, Ct);
            var seller = await db.Sellers.AsNoTracking().SingleAsync(s => s.Id == stored.SellerId, Ct);
            return (new SubjectId(seller.SubjectId), stored.WildberriesToken!);
        });
        var provider = (IServiceProvider sp) => sp.GetServices<IPersonalDataProvider>().OfType<SellerDataProvider>().Single();

        await world.InScopeAsync(sp => provider(sp).RestrictAsync(subject, SellerDataProvider.Register, true, Ct));
        Assert.Empty(await world.SyncAsync());
        await world.InScopeAsync(sp => provider(sp).RestrictAsync(subject, SellerDataProvider.Register, false, Ct));
        Assert.NotEmpty(await world.SyncAsync());

        var result = await world.InScopeAsync(sp => provider(sp).EraseAsync(subject, SellerDataProvider.Register, Ct));

        Assert.True(result.Erased >= 2);
        var opened = await world.InScopeAsync(async sp => await sp.GetRequiredService<IPersonalDataVault>().OpenAsync(token, MarketplaceAccountRecord.Field(account, "wildberries_token"), Ct));
        Assert.True(opened.IsErased);
        Assert.Empty(await world.InScopeAsync(sp => provider(sp).ExportAsync(subject, SellerDataProvider.Register, Ct)));
    }

    [Fact]
    public async Task A_sellers_erasure_request_destroys_their_subject_key_exactly_once_in_the_kernel()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var email = $"{Guid.NewGuid():N}@example.ru";
        var (subject, sealedEmail, sellerId) = await world.InScopeAsync(async sp =>
        {
            var seller = await sp.GetRequiredService<AddSeller>().AddAsync(email, "Анна", "operator", true, Ct);
            await sp.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(seller.Id, world.Token(14), Ct);
            return (new SubjectId(seller.SubjectId), seller.Email, seller.Id);
        });

        var outcome = await world.InScopeAsync(async sp =>
        {
            var receipt = await sp.GetRequiredService<SubmitRequest.Intake>().SubmitAsync(new SubmitRequest.Request(SellerDataProvider.Register, "erasure", email, null, "ru"), RequestChannel.Telegram, null, Ct);
            await sp.GetRequiredService<VerifyRequest>().VerifyAsync(receipt.Reference, VerificationMethod.OperatorCheck, "Confirmed in the seller's Telegram chat.", null, Ct);
            return (await sp.GetRequiredService<ExecuteRequest>().ExecuteAsync(receipt.Reference, new ExecutionInput(), Ct)).Outcome;
        });

        Assert.Contains("Your personal encryption key was destroyed", outcome, StringComparison.Ordinal);
        var shreds = await world.InScopeAsync(async sp => (await sp.GetRequiredService<AuditReader>().ReadAsync(1, subject.ToString(), Ct)).Count(e => e.Action == "key.shred"));
        Assert.Equal(1, shreds);
        Assert.True((await world.InScopeAsync(async sp => await sp.GetRequiredService<IPersonalDataVault>().OpenAsync(sealedEmail, SellerRecord.EmailField(sellerId), Ct))).IsErased);
    }
}
