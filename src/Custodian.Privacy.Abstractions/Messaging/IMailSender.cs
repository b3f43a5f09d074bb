namespace Custodian.Privacy.Abstractions.Messaging;

/// <summary>
/// A plain-text e-mail to one recipient. <paramref name="Headers"/> are extra header fields the message needs, e.g. a
/// marketing mail's RFC 8058 <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c>; null for none.
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>The mail could not be handed to the mail server; the message says why without the address.</summary>
public sealed class MailNotSentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Sends e-mail through the configured SMTP server (<c>Mail:Smtp:*</c>).</summary>
public interface IMailSender
{
    /// <exception cref="MailNotSentException">The server refused the message or could not be reached.</exception>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
