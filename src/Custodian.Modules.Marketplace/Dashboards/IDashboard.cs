namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// One dashboard's data: the tables behind its widgets for the accounts and filter given. Pages render them, exports
/// write them, and a test loads the same data into every analytics engine and compares every table.
/// </summary>
internal interface IDashboard
{
    /// <summary>The page's name in its URL: <c>/seller/dashboards/{Id}</c>.</summary>
    string Id { get; }

    Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken);
}
