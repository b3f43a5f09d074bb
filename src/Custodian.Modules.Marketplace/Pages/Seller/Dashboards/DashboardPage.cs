using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>
/// What every dashboard page does: reads the filter from the URL (a bad one is a 400 with the reason, on the page),
/// finds the accounts the seller may see (another seller's account id is a 404, like one that does not exist), loads the
/// page's tables, and exports any of them as CSV or XLSX.
/// </summary>
internal abstract class DashboardPage(IDashboard dashboard, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : PageModel
{
    public IStringLocalizer<MarketplaceText> Text => t;

    public DashboardFilter Filter { get; private set; } = null!;

    /// <summary>Every account the seller sees (the account filter's choices).</summary>
    public IReadOnlyList<DashboardAccount> Visible { get; private set; } = [];

    /// <summary>The accounts the filter selects.</summary>
    public IReadOnlyList<DashboardAccount> Selected { get; private set; } = [];

    public string? FilterError { get; private set; }

    /// <summary>Today in Moscow, the seller's calendar.</summary>
    public DateOnly Today => LocalDays.Moscow(clock.GetUtcNow());

    /// <summary>The page's route (for the filter form and the tabs).</summary>
    public string Route => "/seller/dashboards/" + dashboard.Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (FilterError is null && Selected.Count > 0)
        {
            await LoadAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (FilterError is { } error)
        {
            return Refused(error);
        }

        await LoadAsync(cancellationToken);
        if (Tables.FirstOrDefault(x => x.Id == table) is not { } chosen)
        {
            return Refused(t["This page has no table {0}.", table ?? string.Empty]);
        }

        try
        {
            format ??= "csv";
            var (content, type) = DashboardExport.Write(chosen, format);
            return File(content, type, $"{chosen.Id}-{DashboardFilter.Iso(Filter.From)}-{DashboardFilter.Iso(Filter.To)}.{format}");
        }
        catch (MarketplaceInputException e)
        {
            return Refused(t[e.Message]);
        }
    }

    /// <summary>The page's tables (each with its chart, if any).</summary>
    public IReadOnlyList<DashboardTable> Tables { get; private set; } = [];

    private async Task LoadAsync(CancellationToken cancellationToken) => Tables = await dashboard.TablesAsync(Selected, Filter, cancellationToken);

    /// <summary>The share-links page with a new link's scope taken from this view: dashboard, accounts, filters, and the days (none, i.e. rolling, for the default last 30 days).</summary>
    public string ShareLink
    {
        get
        {
            var fixedDays = Filter.Preset != "30d";
            return "/seller/share-links" + Filter.Query(("dashboard", dashboard.Id), ("compare", null), ("period", null),
                ("from", fixedDays ? DashboardFilter.Iso(Filter.From) : null), ("to", fixedDays ? DashboardFilter.Iso(Filter.To) : null));
        }
    }

    /// <summary>The link of an export of one of this page's tables with the current filter.</summary>
    public string ExportLink(string table, string format) => Route + Filter.Query(("handler", "Export"), ("table", table), ("format", format));

    /// <summary>A bad export request: 400 with a problem-details body.</summary>
    private static ObjectResult Refused(string detail) =>
        new(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = detail }) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };

    /// <summary>The seller's plan has ended unpaid (past its grace days): only the overview is shown, nothing exported; the data is kept.</summary>
    public bool Limited { get; private set; }

    private async Task<IActionResult?> PrepareAsync(CancellationToken cancellationToken)
    {
        // Owners only: a team member's own record says nothing about the plan of the team they work in.
        if (User.IsInRole(Privacy.Abstractions.Access.Roles.SellerOwner)
            && await HttpContext.RequestServices.GetRequiredService<Subscriptions.ISellerSubscriptions>().StateAsync(SellerSession.SellerId(User), cancellationToken) is { Active: false })
        {
            Limited = true;
            if (dashboard.Id != "overview" || Request.Query.ContainsKey("handler"))
            {
                return Redirect("/seller/dashboards/overview");
            }
        }

        Visible = await scope.VisibleAsync(SellerSession.SellerId(User), cancellationToken);
        try
        {
            Filter = DashboardFilter.Parse(name => Request.Query[name].FirstOrDefault(), Today);
        }
        catch (MarketplaceInputException e)
        {
            FilterError = t[e.Message];
            Filter = DashboardFilter.Parse(_ => null, Today);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        try
        {
            Selected = DashboardScope.Select(Visible, Filter);
        }
        catch (DashboardNotFoundException)
        {
            return NotFound();
        }

        return null;
    }
}
