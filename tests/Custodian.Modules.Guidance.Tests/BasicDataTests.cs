using System.Text;
using Custodian.Modules.Guidance.Clients;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Gender and education in the basic data: declared in the registers, sealed under the client's key.</summary>
public sealed class BasicDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Gender_and_education_are_stored_encrypted_and_shown_on_the_record(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);

        var id = await world.InScopeAsync(sp => sp.GetRequiredService<CreateClient>().CreateAsync(GuidanceWorld.Coach,
            new CreateClient.Request(world.Programme, "Aino", "Virtanen", GuidanceWorld.Hetu, null, null, null, null, "female", "Lähihoitaja (ammatillinen perustutkinto)"), Ct));

        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Clients.AsNoTracking().SingleAsync(c => c.Id == id, Ct));
        Assert.DoesNotContain("Lähihoitaja", Encoding.UTF8.GetString(stored.Education!.Ciphertext), StringComparison.Ordinal);
        Assert.DoesNotContain("female", Encoding.UTF8.GetString(stored.Gender!.Ciphertext), StringComparison.Ordinal);
        var view = await world.OpenAsync(id, GuidanceWorld.Office);
        Assert.Equal(("female", "Lähihoitaja (ammatillinen perustutkinto)"), (view.Basic.Gender, view.Basic.Education));
    }

    [Fact]
    public async Task A_gender_outside_the_list_is_refused_and_nothing_is_stored()
    {
        await using var world = await GuidanceWorld.StartAsync();

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<CreateClient>().CreateAsync(GuidanceWorld.Coach,
            new CreateClient.Request(world.Programme, "Aino", "Virtanen", GuidanceWorld.Hetu, null, null, null, null, "<b>x</b>", null), Ct)));

        Assert.Equal("Choose the gender from the list, or leave it empty.", refused.Message);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Clients.CountAsync(Ct)));
    }

    [Fact]
    public async Task Without_gender_and_education_the_record_shows_neither()
    {
        await using var world = await GuidanceWorld.StartAsync();

        var view = await world.OpenAsync(await world.CreateClientAsync());

        Assert.Equal((null, null), (view.Basic.Gender, view.Basic.Education));
    }
}
