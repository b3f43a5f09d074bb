using Custodian.Testing;
using Custodian.Web.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Web.Tests;

/// <summary>
/// Whoever knows a bot's token can sign Telegram logins for it: the demo's bot gets a new token at each start, and the
/// token earlier versions published is refused unless the Bot API is a stand-in on this machine.
/// </summary>
public sealed class DemoBotTokenTests
{
    private const string PublishedToken = "1000001:custodian-demo-bot-token-simulated";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_published_demo_token_stops_start_up_with_one_line_when_the_bot_api_is_not_on_this_machine()
    {
        using var data = new TemporaryFolder();
        await using var app = Program.Build(["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false", "--Telegram:Mode=off",
            "--Telegram:BotToken=" + PublishedToken, "--Telegram:ApiBaseUrl=https://api.telegram.org", "--urls=http://127.0.0.1:0"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Ct));

        var message = StartupFailure.Explain(error);
        Assert.NotNull(message);
        Assert.StartsWith("Telegram:BotToken: this token is published", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain(PublishedToken, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_published_demo_token_is_still_accepted_by_a_bot_api_stand_in_on_loopback()
    {
        using var data = new TemporaryFolder();
        await using var app = Program.Build(["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false", "--Telegram:Mode=off",
            "--Telegram:BotToken=" + PublishedToken, "--Telegram:ApiBaseUrl=http://127.0.0.1:1"]);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task The_demo_gives_its_bot_a_new_token_at_each_start_and_starts_with_it()
    {
        using var data = new TemporaryFolder();
        string[] demo = ["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=true"]; // what `dotnet run` in the README starts

        await using var first = Program.Build(demo);
        await using var second = Program.Build(demo);
        first.Services.GetRequiredService<IStartupValidator>().Validate();

        var token = first.Configuration["Telegram:BotToken"];
        Assert.NotNull(token);
        Assert.StartsWith("1000001:", token, StringComparison.Ordinal);
        Assert.NotEqual(PublishedToken, token);
        Assert.NotEqual(token, second.Configuration["Telegram:BotToken"]);
        Assert.StartsWith("http://127.0.0.1:", first.Configuration["Telegram:ApiBaseUrl"], StringComparison.Ordinal);
    }
}
