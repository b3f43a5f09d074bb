using System.Globalization;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Messaging;

namespace Custodian.Privacy.Requests;

/// <summary>
/// The messages a requester receives, in the language of the request: the identity confirmation link and the
/// one-time download link. A mail that cannot be sent is noted on the timeline for the operator, never lost silently.
/// </summary>
public sealed class RequestMails(IMailSender mail, PublicLinks links, RequestRules rules)
{
    public async Task<bool> SendConfirmationAsync(RequestRecord request, string email, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var link = links.To("/privacy/requests/confirm/" + token);
        var (subject, body) = request.Language switch
        {
            "fi" => ($"Vahvista pyyntösi {request.Reference}", $"Saimme henkilötietojasi koskevan pyynnön ({request.Reference}). Vahvista, että pyyntö on sinulta, avaamalla linkki:\n\n{link}\n\nJos et tehnyt pyyntöä, voit jättää viestin huomiotta."),
            "ru" => ($"Подтвердите запрос {request.Reference}", $"Мы получили запрос о ваших персональных данных ({request.Reference}). Подтвердите, что он исходит от вас, открыв ссылку:\n\n{link}\n\nЕсли вы не отправляли запрос, просто проигнорируйте это письмо."),
            _ => ($"Confirm your request {request.Reference}", $"We received a request about your personal data ({request.Reference}). Confirm that it comes from you by opening this link:\n\n{link}\n\nIf you did not make the request, ignore this message."),
        };
        return await TrySendAsync(request, new OutgoingMail(email, subject, body), "Confirmation link e-mailed to the address given.", cancellationToken);
    }

    public async Task<bool> SendDownloadLinkAsync(RequestRecord request, string email, string token, DateTime expiresAtUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var link = links.To("/privacy/requests/download/" + token);
        var until = expiresAtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var (subject, body) = request.Language switch
        {
            "fi" => ($"Kopio tiedoistasi ({request.Reference})", $"Kopio tiedoistasi on valmis. Voit ladata sen kerran {until} asti:\n\n{link}"),
            "ru" => ($"Копия ваших данных ({request.Reference})", $"Копия ваших данных готова. Её можно скачать один раз до {until}:\n\n{link}"),
            _ => ($"A copy of your data ({request.Reference})", $"The copy of your data is ready. You can download it once until {until}:\n\n{link}"),
        };
        return await TrySendAsync(request, new OutgoingMail(email, subject, body), "Download link e-mailed to the verified address.", cancellationToken);
    }

    private async Task<bool> TrySendAsync(RequestRecord request, OutgoingMail message, string done, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendAsync(message, cancellationToken);
            rules.Note(request, done);
            return true;
        }
        catch (MailNotSentException e)
        {
            rules.Note(request, "E-mail not sent: " + e.Message + " The operator must deliver it.");
            return false;
        }
    }
}
