using Custodian.Privacy.Requests;
using Custodian.Simulators.Smtp;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Requests;

public sealed class RequestReminderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_team_is_reminded_of_overdue_and_due_soon_requests_without_personal_data()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, clock, null, "--Privacy:Requests:ReminderTo=privacy-team@custodian.example.fi");
        string soon, later;
        await using (var scope = host.Scope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<SubmitRequest.Intake>();
            soon = (await intake.SubmitAsync(new SubmitRequest.Request("marketplace-sellers", "access", "seller@example.ru", null, "ru"), RequestChannel.Email, new DateOnly(2026, 11, 20), Ct)).Reference;
            later = (await intake.SubmitAsync(new SubmitRequest.Request("training", "erasure", "anna@example.fi", null, "fi"), RequestChannel.Paper, null, Ct)).Reference;
        }

        clock.Advance(TimeSpan.FromDays(15)); // 2026-12-08: the 152-FZ request (due 2026-12-04) is overdue; the GDPR one (due 2026-12-23) is not near
        var listed = await host.Get<RequestReminders>().SendAsync(Ct);

        Assert.Equal(1, listed);
        var mail = Assert.Single(host.Get<SmtpSimulator>().To("privacy-team@custodian.example.fi"));
        var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)), Ct);
        Assert.Equal("Privacy requests: 1 overdue, 0 due soon", message.Subject);
        Assert.Contains($"{soon}  marketplace-sellers  Access  Received  due 2026-12-04  OVERDUE by 4 day(s)", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(later, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("seller@example.ru", mail.Data, StringComparison.Ordinal);
    }
}
