using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Messaging;
using Custodian.Privacy.Requests;
using Custodian.Simulators.Smtp;
using Custodian.Testing;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Messaging;

/// <summary>The production SMTP client against the SMTP simulator, over real sockets.</summary>
public sealed class SmtpMailSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_arrives_with_its_subject_body_and_non_ascii_text_intact()
    {
        await using var server = SmtpSimulator.Start();
        var sender = Sender(server.Port);

        await sender.SendAsync(new OutgoingMail("anna@example.fi", "Vahvista pyyntösi", "Hei Anna,\n.rivi pisteellä\nПодтвердите запрос."), Ct);

        var mail = Assert.Single(server.To("anna@example.fi"));
        var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)), Ct);
        Assert.Equal("Vahvista pyyntösi", message.Subject);
        Assert.Equal("Hei Anna,\n.rivi pisteellä\nПодтвердите запрос.", message.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        Assert.Equal("no-reply@custodian.example", mail.From);
    }

    [Fact]
    public async Task A_refusal_or_an_unreachable_server_is_a_clear_error_without_the_address()
    {
        await using var server = SmtpSimulator.Start();
        server.RefuseNext(1);

        var refused = await Assert.ThrowsAsync<MailNotSentException>(() => Sender(server.Port).SendAsync(new OutgoingMail("anna@example.fi", "x", "y"), Ct));
        var unreachable = await Assert.ThrowsAsync<MailNotSentException>(() => Sender(FreePort.Next()).SendAsync(new OutgoingMail("anna@example.fi", "x", "y"), Ct));

        Assert.Equal($"The mail server at 127.0.0.1:{server.Port} did not take the message (SmtpCommandException 451).", refused.Message);
        Assert.DoesNotContain("anna", unreachable.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_request_is_kept_when_its_confirmation_mail_cannot_be_sent_and_the_operator_is_told()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        host.Get<SmtpSimulator>().RefuseNext(1);
        await using var scope = host.Scope();

        var receipt = await scope.ServiceProvider.GetRequiredService<SubmitRequest.Intake>().SubmitAsync(new SubmitRequest.Request("training", "access", "anna@example.fi", null, "fi"), RequestChannel.WebForm, null, Ct);

        var detail = await scope.ServiceProvider.GetRequiredService<OpenRequests>().DetailAsync(receipt.Reference, Ct);
        Assert.Contains(detail.Timeline, e => e.Note.StartsWith("E-mail not sent: The mail server at 127.0.0.1:", StringComparison.Ordinal));
        Assert.True(await scope.ServiceProvider.GetRequiredService<VerifyRequest>().SendEmailConfirmationAsync(receipt.Reference, Ct));
        var confirmation = Assert.Single(host.Get<SmtpSimulator>().To("anna@example.fi"));
        Assert.Equal("Vahvista pyyntösi " + receipt.Reference, MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(confirmation.Data)), Ct).Subject);
    }

    private static SmtpMailSender Sender(int port) =>
        new(() => new MailSettings("127.0.0.1", port, SecureSocketOptions.None, null, null, "Custodian <no-reply@custodian.example>"));
}
