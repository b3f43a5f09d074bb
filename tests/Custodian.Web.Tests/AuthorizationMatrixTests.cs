using Custodian.Testing;
using Custodian.Web.Tests.Routes;
using Microsoft.AspNetCore.Builder;

namespace Custodian.Web.Tests;

/// <summary>Every route x method x role answers as the policy declared on its page or route group says.</summary>
public sealed class AuthorizationMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_and_endpoint_lets_in_sends_to_sign_in_or_denies_each_role_as_its_declared_policy_says()
    {
        await using var host = await WholeApp.Builder().Started().BuildAsync(Ct);

        var matrix = await AuthorizationMatrix.CheckAsync(host, Ct);

        Print(matrix);
        Assert.Empty(matrix.Violations);
        Assert.True(matrix.Table.Count >= 30, $"Only {matrix.Table.Count} route calls were found; the endpoint data source was not read as a whole.");
        Assert.Contains(matrix.Table, line => line.StartsWith("POST /telegram/webhook", StringComparison.Ordinal));
        Assert.Contains(matrix.Table, line => line.StartsWith("POST /seller?handler=Connect", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_endpoint_without_a_declared_policy_fails_the_matrix()
    {
        await using var host = await WholeApp.Builder()
            .Map(endpoints => endpoints.MapGet("/fixture/forgotten", () => "open to everyone by accident"))
            .Started().BuildAsync(Ct);

        var matrix = await AuthorizationMatrix.CheckAsync(host, Ct);

        var violation = Assert.Single(matrix.Violations);
        Assert.StartsWith("GET /fixture/forgotten declares no policy", violation, StringComparison.Ordinal);
    }

    private static void Print(MatrixResult matrix)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{matrix.Requests} requests; roles: {string.Join("; ", matrix.Roles)}");
        foreach (var line in matrix.Table.Concat(matrix.Violations))
        {
            output?.WriteLine(line);
        }
    }
}
