using System.Globalization;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Economics;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller;

/// <summary>Cost prices per SKU: upload a CSV/XLSX file (all rows or none, every bad row listed), set one price inline, see each SKU's history.</summary>
[RequestSizeLimit(CostFile.MaxBytes + 64 * 1024)]
internal sealed class CostsModel(CostPrices costs, StockThresholds access, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : PageModel
{
    public IStringLocalizer<MarketplaceText> Text => t;

    public IReadOnlyList<DashboardAccount> Visible { get; private set; } = [];

    public IReadOnlySet<Guid> Manageable { get; private set; } = new HashSet<Guid>();

    public IReadOnlyList<CostPrice> Prices { get; private set; } = [];

    public IReadOnlyList<CostLineError> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    /// <summary>What the seller typed in the inline form, shown again after an error.</summary>
    public (string? Account, string? Sku, string? Cost, string? ValidFrom) Typed { get; private set; }

    public DateOnly Today => LocalDays.Moscow(clock.GetUtcNow());

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var seller = SellerSession.SellerId(User);
        Visible = await scope.VisibleAsync(seller, cancellationToken);
        Manageable = await access.ManageableAsync(seller, Visible, cancellationToken);
        Prices = await costs.ForAsync(Visible, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string? account, IFormFile? file, CancellationToken cancellationToken)
    {
        Typed = (account, null, null, null);
        if (file is null || file.Length == 0)
        {
            (Error, ErrorField) = (Text["Choose a CSV or XLSX file."], "file");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(cancellationToken);
        }

        if (file.Length > CostFile.MaxBytes)
        {
            (Error, ErrorField) = (Text["The file is larger than 5 MB."], "file");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(cancellationToken);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        try
        {
            var result = await costs.ImportAsync(SellerSession.SellerId(User), account, buffer.ToArray(), cancellationToken);
            if (result.Errors.Count > 0)
            {
                Errors = result.Errors;
                Error = Text["Nothing was imported: fix the rows below and upload the file again."];
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else
            {
                Message = Text["Cost prices imported: {0}.", result.Stored.ToString("N0", CultureInfo.GetCultureInfo("ru-RU"))];
            }
        }
        catch (MarketplaceInputException e)
        {
            (Error, ErrorField) = (Text[e.Message], e.Field);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ThresholdNotAllowedException)
        {
            return Forbid();
        }

        return await OnGetAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSetAsync(string? account, string? sku, string? cost, string? validFrom, CancellationToken cancellationToken)
    {
        Typed = (account, sku, cost, validFrom);
        try
        {
            await costs.SetAsync(SellerSession.SellerId(User), account, sku, cost, validFrom, cancellationToken);
            Message = Text["Cost price saved for SKU {0}.", sku?.Trim() ?? string.Empty];
            Typed = (account, null, null, null);
        }
        catch (MarketplaceInputException e)
        {
            (Error, ErrorField) = (Text[e.Message], e.Field);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ThresholdNotAllowedException)
        {
            return Forbid();
        }

        return await OnGetAsync(cancellationToken);
    }

    /// <summary>A refused row as the seller reads it: line, reason, and the value found.</summary>
    public string Describe(CostLineError error)
    {
        var reason = error.Reason.Contains("{0}", StringComparison.Ordinal) ? Text[error.Reason, error.Value ?? string.Empty].Value : Text[error.Reason].Value;
        var where = error.Line > 0 ? Text["Line {0}", error.Line.ToString(CultureInfo.InvariantCulture)].Value + ": " : string.Empty;
        return where + reason + (error.Value is { Length: > 0 } v && !error.Reason.Contains("{0}", StringComparison.Ordinal) ? " (" + (v.Length > 40 ? v[..40] + "…" : v) + ")" : string.Empty);
    }

    public static string AccountName(DashboardAccount account) => (account.Marketplace == Accounts.MarketplaceKind.Wildberries ? "Wildberries" : "Ozon") + " · " + account.KeyTail;
}
