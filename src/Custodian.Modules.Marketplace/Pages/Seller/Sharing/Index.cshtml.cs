using System.Globalization;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Sharing;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Sharing;

/// <summary>
/// <c>/seller/share-links</c>: the seller's share links (create with a fixed scope and expiry, see when each was last
/// used and how often, revoke, give a new address) and private embedding (allowed sites, signing secret).
/// </summary>
internal sealed class IndexModel(
    ListShareLinks list, CreateShareLink create, RevokeShareLink revoke, RotateShareLink rotate, ConfigureEmbedding embedding,
    DashboardScope scope, IEnumerable<IDashboard> dashboards, IPublicLinks links, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Title)> Expiries = [("never", "No expiry"), ("1d", "1 day"), ("7d", "7 days"), ("30d", "30 days"), ("90d", "90 days")];

    public IReadOnlyList<ShareLinkRecord> Links { get; private set; } = [];

    public IReadOnlyList<DashboardAccount> Visible { get; private set; } = [];

    public IReadOnlyList<string> DashboardIds => [.. dashboards.Select(d => d.Id)];

    public EmbedSettingsRecord? Embedding { get; private set; }

    /// <summary>The address of a link just made or renewed: shown once, since only its hash is kept.</summary>
    public string? NewAddress { get; private set; }

    /// <summary>A new embed secret: shown once.</summary>
    public string? NewSecret { get; private set; }

    /// <summary>An example embed address for the seller's first live link, valid for an hour (only right after a new secret).</summary>
    public string? ExampleEmbed { get; private set; }

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    [BindProperty(SupportsGet = true)]
    public string Dashboard { get; set; } = "overview";

    [BindProperty(SupportsGet = true)]
    public List<Guid> Account { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Marketplace { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Brand { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sku { get; set; }

    [BindProperty]
    public string Period { get; set; } = "rolling";

    [BindProperty]
    public string Expires { get; set; } = "never";

    [BindProperty]
    public string? Origins { get; set; }

    private Guid SellerId => SellerSession.SellerId(User);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Period = From is not null ? "fixed" : "rolling";
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var fixedPeriod = Period == "fixed";
        var filter = DashboardFilter.Parse(name => name switch
        {
            "period" => "custom", "from" => fixedPeriod ? From : null, "to" => fixedPeriod ? To : null,
            "marketplace" => Marketplace, "brand" => Brand, "category" => Category, "sku" => Sku, _ => null,
        }, LocalDays.Moscow(clock.GetUtcNow()));
        var spec = new ShareLinkSpec(Dashboard, Account, fixedPeriod ? filter.From : null, fixedPeriod ? filter.To : null, filter.Marketplace, filter.Brand, filter.Category, filter.Sku, ShareLinkSpec.ParseExpiry(Expires));
        var (_, token) = await create.CreateAsync(SellerId, spec, cancellationToken);
        NewAddress = links.Link("/share/" + token);
        return t["Link created. Copy it now: for your safety it is shown only once."];
    }, cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(Guid link, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        await revoke.RevokeAsync(link, SellerId, cancellationToken);
        return t["Link revoked: it no longer opens."];
    }, cancellationToken);

    public Task<IActionResult> OnPostRotateAsync(Guid link, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        NewAddress = links.Link("/share/" + await rotate.RotateAsync(link, SellerId, cancellationToken));
        return t["The link has a new address; the old one no longer opens. Copy it now: it is shown only once."];
    }, cancellationToken);

    public Task<IActionResult> OnPostOriginsAsync(CancellationToken cancellationToken) => ActAsync(async () =>
        (await embedding.SetOriginsAsync(SellerId, Origins, cancellationToken)).Count == 0 ? t["No site may embed your dashboards."] : t["Sites that may embed your dashboards saved."],
        cancellationToken);

    public async Task<IActionResult> OnPostSecretAsync(CancellationToken cancellationToken)
    {
        NewSecret = await embedding.NewSecretAsync(SellerId, cancellationToken);
        Done = t["New embedding secret made; the previous one no longer signs. Copy it now: it is shown only once."];
        await LoadAsync(cancellationToken);
        if (Links.FirstOrDefault(l => l.RevokedAtUtc is null && !(l.ExpiresAtUtc <= Now)) is { } live)
        {
            ExampleEmbed = links.Link("/embed/" + EmbedTokens.Sign(live.Id, clock.GetUtcNow().AddHours(1), NewSecret));
        }

        return Page();
    }

    /// <summary>Which accounts a link shows, as the seller tells them apart.</summary>
    public string ScopeOf(ShareLinkRecord link) => string.Join(", ", link.Accounts.Select(id => Visible.FirstOrDefault(a => a.Id == id) is { } a
        ? (a.Marketplace == Accounts.MarketplaceKind.Wildberries ? "Wildberries" : "Ozon") + " …" + a.KeyTail
        : t["an account you no longer see"].Value));

    public string PeriodOf(ShareLinkRecord link) => link.FromDay is { } from && link.ToDay is { } to
        ? DashboardFormat.Day(from) + " – " + DashboardFormat.Day(to)
        : t["last 30 days"];

    public string StatusOf(ShareLinkRecord link) =>
        link.RevokedAtUtc is not null ? t["Revoked"] : link.ExpiresAtUtc <= Now ? t["Expired"] : t["Active"];

    public static string Moment(DateTime? utc) => utc is { } value
        ? (DateTime.SpecifyKind(value, DateTimeKind.Utc) + LocalDays.MoscowOffset).ToString("g", CultureInfo.CurrentCulture)
        : "–";

    /// <summary>Runs one change; its message on success, or the reason and 400 on bad input (nothing changed), then the page.</summary>
    private async Task<IActionResult> ActAsync(Func<Task<string>> change, CancellationToken cancellationToken)
    {
        try
        {
            Done = await change();
        }
        catch (MarketplaceInputException e)
        {
            Error = t[e.Message];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Visible = await scope.VisibleAsync(SellerId, cancellationToken);
        Links = await list.OfSellerAsync(SellerId, cancellationToken);
        Embedding = await embedding.SettingsAsync(SellerId, cancellationToken);
        Origins ??= Embedding?.AllowedOrigins.Replace(' ', '\n');
        if (Account.Count == 0)
        {
            Account = [.. Visible.Where(a => a.Status != Accounts.AccountStatus.Revoked).Select(a => a.Id)];
        }
    }
}
