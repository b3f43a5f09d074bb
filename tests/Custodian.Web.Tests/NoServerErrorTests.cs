using System.Diagnostics;
using System.Net;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Custodian.Web.Tests.Routes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Web.Tests;

/// <summary>With its databases up, no request to any route, however malformed, gets a 5xx.</summary>
public sealed class NoServerErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The embedded engines (SQLite, DuckDB) and the production ones (PostgreSQL, ClickHouse): their errors differ.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_route_answers_5xx_to_any_method_handler_header_query_form_body_or_erased_persons_cookie(bool servers)
    {
        var errors = new ServerErrors();
        var builder = WholeApp.Builder().WithServices(s => s.AddSingleton<ILoggerProvider>(errors));
        if (servers)
        {
            builder = builder.WithPostgres().WithClickHouse();
        }

        await using var host = await builder.Started().BuildAsync(Ct);
        var people = new List<Person>();
        foreach (var role in (string[])[CustodianHost.Anonymous, .. CustodianHost.SignInRoles])
        {
            people.Add(await Person.SignInAsync(host, role, Ct));
        }

        people.Add(await ErasedSellerAsync(host));
        var routes = await AppRoutes.OfAsync(host.Services);
        var authorization = host.Services.GetRequiredService<IAuthorizationService>();
        var fuzz = new Fuzz(people);
        using var http = host.CreateRawClient();
        var failures = new List<string>();
        var counts = new List<string>();
        var clock = Stopwatch.StartNew();
        var total = 0;
        foreach (var route in routes)
        {
            var letIn = new List<Person>();
            foreach (var person in people)
            {
                if (route.Access.AllowsAnonymous || (route.Access.Policy is { } policy && (await authorization.AuthorizeAsync(person.Principal, null, policy)).Succeeded))
                {
                    letIn.Add(person);
                }
            }

            var sent = 0;
            foreach (var request in fuzz.For(route, letIn))
            {
                using var message = request.Create();
                using var response = await http.SendAsync(message, Ct);
                sent++;
                var logged = errors.Take();
                // The health summary and readiness answer 503 on purpose, when the records database or the keys cannot be used.
                if ((int)response.StatusCode >= 500 && !(route.Pattern is "/healthz" or "/healthz/ready" && response.StatusCode == HttpStatusCode.ServiceUnavailable))
                {
                    failures.Add($"{(int)response.StatusCode} for {request.Description}: {string.Join(" | ", logged.Where(e => !e.Contains("Antiforgery", StringComparison.Ordinal)).DefaultIfEmpty("(nothing logged)"))}");
                }
            }

            total += sent;
            counts.Add($"{sent,5}  {route.Pattern} ({string.Join(", ", route.Calls.Select(c => c.Handler is null ? c.Method : c.Method + " " + c.Handler))})");
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{total} requests to {routes.Count} routes in {clock.Elapsed.TotalSeconds:F0} s as {string.Join(", ", people.Select(p => p.Role))}:");
        foreach (var line in counts.Concat(failures))
        {
            output?.WriteLine(line);
        }

        Assert.Empty(failures);
        Assert.All(routes, route => Assert.Contains(counts, line => line.Contains(" " + route.Pattern + " (", StringComparison.Ordinal)));
    }

    /// <summary>A seller who signed in and then deleted the account on the seller page: the cookie they still hold.</summary>
    private static async Task<Person> ErasedSellerAsync(CustodianHost host)
    {
        using var client = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        var before = await Person.OfAsync(host, client, Roles.SellerOwner + " (erased)", Ct);
        using var erased = await client.PostFormAsync("/seller?handler=Delete", [new("confirmed", "true")], tokenFrom: "/seller", cancellationToken: Ct);
        Assert.Equal("/seller/deleted", erased.Headers.Location?.OriginalString);
        return before;
    }
}
