using Custodian.Privacy.Abstractions.Messaging;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Custodian.Privacy.Messaging;

/// <summary>Where and how mail is sent: <c>Mail:Smtp:Host|Port|Security|User|Password</c> and <c>Mail:From</c>.</summary>
public sealed record MailSettings(string Host, int Port, SecureSocketOptions Security, string? User, string? Password, string From)
{
    public static MailSettings? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Mail:Smtp:Host"] is not { Length: > 0 } host)
        {
            return null;
        }

        return new MailSettings(
            host,
            int.TryParse(configuration["Mail:Smtp:Port"], out var port) ? port : 587,
            Enum.TryParse<SecureSocketOptions>(configuration["Mail:Smtp:Security"], ignoreCase: true, out var security) ? security : SecureSocketOptions.StartTlsWhenAvailable,
            configuration["Mail:Smtp:User"],
            configuration["Mail:Smtp:Password"],
            configuration["Mail:From"] is { Length: > 0 } from ? from : "Custodian <no-reply@custodian.example>");
    }
}

/// <summary>SMTP delivery with MailKit; one connection per message (requests, links and reminders are few).</summary>
public sealed class SmtpMailSender(Func<MailSettings> settings) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var server = settings();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(server.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.Add(name, value);
        }

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(server.Host, server.Port, server.Security, cancellationToken);
            if (server.User is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, server.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException or IOException or System.Net.Sockets.SocketException)
        {
            // The exception texts of MailKit can carry the recipient address; only the kind goes on.
            throw new MailNotSentException($"The mail server at {server.Host}:{server.Port} did not take the message ({e.GetType().Name}{(e is SmtpCommandException command ? " " + (int)command.StatusCode : "")}).", null);
        }
    }
}
