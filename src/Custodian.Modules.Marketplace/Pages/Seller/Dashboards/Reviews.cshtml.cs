using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Reviews;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>Reviews and ratings: rating by week, new and unanswered reviews, stars, lowest-rated products, the latest unanswered reviews with their text, Ozon's seller rating.</summary>
internal sealed class ReviewsModel(ReviewsDashboard reviews, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(reviews, scope, clock, t)
{
    public ReviewNumbers? Numbers => reviews.Numbers;

    public IReadOnlyList<string> Gaps => reviews.Gaps;

    /// <summary>The texts of the latest unanswered reviews, opened for this view of the page only (exports never carry them).</summary>
    public Task<IReadOnlyList<ReviewText>> UnansweredTextsAsync() => reviews.UnansweredTextsAsync(HttpContext.RequestAborted);
}
