using System.Net;
using System.Text.Json;
using Custodian.Privacy.Declarations;
using Custodian.Testing;
using Custodian.Web.Platform;

namespace Custodian.Web.Tests;

public sealed class RegisterTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_lists_every_declared_register_with_its_purposes_and_retention()
    {
        using var client = factory.CreateBrowserClient();

        using var registers = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/registers", UriKind.Relative), Ct));

        Assert.Equal(
            ["billing", "billing-fi", "guidance", "guidance-city", "marketplace-buyers", "marketplace-sellers", "training"],
            registers.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var training = registers.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "training");
        Assert.Equal("gdpr", training.GetProperty("law").GetString());
        Assert.Equal("Korttikoulutusrekisteri", training.GetProperty("title").GetProperty("fi").GetString());
        var nationalId = training.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "national-id");
        Assert.Equal("identifier", nationalId.GetProperty("sensitivity").GetString());
        Assert.Equal("P5Y", nationalId.GetProperty("retention").GetProperty("period").GetString());
        Assert.Equal("certificate-expired", nationalId.GetProperty("retention").GetProperty("trigger").GetString());
        Assert.Equal("crypto-shred", nationalId.GetProperty("erasure").GetString());
    }

    [Fact]
    public async Task An_unknown_register_is_a_404_problem_listing_the_known_ones()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/api/registers/shoe-sizes", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("marketplace-sellers", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_privacy_centre_shows_each_register_in_the_visitors_language()
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/privacy");
        request.Headers.AcceptLanguage.ParseAdd("ru");

        using var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("Аналитика маркетплейсов — учётные записи продавцов", html, StringComparison.Ordinal);
        Assert.Contains("data-register=\"guidance-city\"", html, StringComparison.Ordinal);
        Assert.Contains("GDPR art. 9(2)(h): health or social care", html, StringComparison.Ordinal);
        Assert.Contains("152-FZ art. 6(1)(5): contract with the subject", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_declaration_stops_start_up_naming_file_line_and_key()
    {
        using var data = new TemporaryFolder();
        var registers = Directory.CreateDirectory(data.File("registers")).FullName;
        var yaml = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "registers", "billing.yaml"), Ct);
        await File.WriteAllTextAsync(Path.Combine(registers, "billing.yaml"), yaml.ReplaceFirst("    legal_basis: 152fz-6-1-2\n", ""), Ct);

        await using var app = Program.Build(["--urls=http://127.0.0.1:0", "--Storage:DataDirectory=" + data.Path, "--Privacy:RegistersPath=" + registers, .. QuietHost.Args]);
        var error = await Assert.ThrowsAsync<RegisterDeclarationException>(() => app.StartAsync(Ct));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("registers/billing.yaml", "purposes[accounting].legal_basis", "is missing"), (problem.File, problem.Key, problem.Message));
        Assert.Contains("registers/billing.yaml:", StartupFailure.Explain(error), StringComparison.Ordinal);
    }
}
