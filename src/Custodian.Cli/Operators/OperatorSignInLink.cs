using System.CommandLine;
using Custodian.Web.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Operators;

/// <summary>
/// <c>custodian operators link HANDLE</c>: prints a single-use sign-in link to the operator console, valid 15 minutes.
/// Run on the server by an administrator; the link goes to the operator over a trusted channel.
/// </summary>
internal static class OperatorSignInLink
{
    public static Command Create()
    {
        var handle = new Argument<string>("handle") { Description = "Operator handle, e.g. ops.anna (lower-case letters, digits, . - _)." };
        var link = new Command("link", "Print a single-use operator sign-in link (valid 15 minutes).") { handle };
        link.TreatUnmatchedTokensAsErrors = false;
        link.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, cancellationToken) =>
        {
            var name = parseResult.GetValue(handle)!;
            if (!OperatorSignInLinks.IsHandle(name))
            {
                await Console.Error.WriteLineAsync($"'{name}' is not an operator handle: use 2-40 lower-case letters, digits, dots, dashes or underscores (e.g. ops.anna), not a name or an e-mail.");
                return CustodianCommand.UsageError;
            }

            await using var scope = services.CreateAsyncScope();
            var token = await scope.ServiceProvider.GetRequiredService<OperatorSignInLinks>().IssueAsync(name, cancellationToken);
            var configuration = services.GetRequiredService<IConfiguration>();
            var baseUrl = (configuration["Web:PublicBaseUrl"] is { Length: > 0 } configured ? configured : configuration["Urls"]?.Split(';')[0] ?? "http://localhost:5000").TrimEnd('/');
            await Console.Out.WriteLineAsync($"{baseUrl}/account/operator-link/{token}");
            return 0;
        }, ct));
        return new Command("operators", "Operator accounts of the console.") { link };
    }
}
