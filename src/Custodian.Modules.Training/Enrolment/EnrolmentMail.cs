using System.Globalization;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Training.Enrolment;

/// <summary>
/// The enrolment's mails, in Finnish with English below: the confirmation (course, time, place, reference, whether a seat
/// or a waiting-list place, the cancellation link) and the notice that a waiting-list place became a seat. Sent after the
/// commit; a mail server that refuses leaves the enrolment as it is (the person has the reference on the page) and is logged.
/// </summary>
internal sealed partial class EnrolmentMail(TrainingDb db, IMailSender mail, IPublicLinks links, ILogger<EnrolmentMail> logger)
{
    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>What a page or mail says of a session: course, card, time and place in both languages.</summary>
    public sealed record SessionText(Guid SessionId, string CourseFi, string CourseEn, DateTime StartsAtUtc, DateTime EndsAtUtc, string Place)
    {
        public string WhenFi => When(Finnish);

        public string WhenEn => When(English);

        private string When(CultureInfo culture)
        {
            var (start, end) = (LocalDays.HelsinkiTime(StartsAtUtc), LocalDays.HelsinkiTime(EndsAtUtc));
            return $"{start.ToString("ddd", culture)} {start.ToString("d.M.yyyy", CultureInfo.InvariantCulture)} {start.ToString("H.mm", CultureInfo.InvariantCulture)}–{end.ToString("H.mm", CultureInfo.InvariantCulture)}";
        }
    }

    public Task<SessionText> SessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        (from s in db.Sessions.AsNoTracking()
         join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
         where s.Id == sessionId
         select new SessionText(s.Id, c.NameFi, c.NameEn, s.StartsAtUtc, s.EndsAtUtc, s.Place)).SingleAsync(cancellationToken);

    public static string CancelPath(string token) => "/training/cancel/" + token;

    public async Task SendConfirmationAsync(string to, SessionText session, string reference, EnrolmentStatus status, string cancelToken, CancellationToken cancellationToken)
    {
        var seat = status == EnrolmentStatus.Enrolled;
        var link = links.Link(CancelPath(cancelToken));
        var body = $"""
            Hei,

            {(seat ? "ilmoittautumisesi on vastaanotettu ja sinulla on paikka kurssilla:" : "kurssi on täynnä, joten olet varasijalla. Kerromme sähköpostilla, jos saat paikan:")}

            Kurssi: {session.CourseFi}
            Aika: {session.WhenFi}
            Paikka: {session.Place}
            Viite: {reference}

            Ota henkilöllisyystodistus mukaan kurssille. Voit perua ilmoittautumisen tästä linkistä ennen kurssin alkua:
            {link}

            ---

            Hello,

            {(seat ? "we have received your enrolment and you have a seat on the course:" : "the course is full, so you are on the waiting list. We will e-mail you if a seat becomes free:")}

            Course: {session.CourseEn}
            Time: {session.WhenEn}
            Place: {session.Place}
            Reference: {reference}

            Please bring an identity document to the course. You can cancel the enrolment with this link before the course starts:
            {link}
            """;
        await SendAsync(new OutgoingMail(to, (seat ? "Ilmoittautuminen vahvistettu / Enrolment confirmed: " : "Varasijalla / On the waiting list: ") + session.CourseFi + " " + session.WhenFi, body), cancellationToken);
    }

    public async Task SendPromotionAsync(string to, SessionText session, string reference, CancellationToken cancellationToken)
    {
        var body = $"""
            Hei,

            kurssilta vapautui paikka, ja se on nyt sinun:

            Kurssi: {session.CourseFi}
            Aika: {session.WhenFi}
            Paikka: {session.Place}
            Viite: {reference}

            Jos et pääse, peru paikkasi ensimmäisen vahvistusviestin linkistä, jotta se vapautuu seuraavalle.

            ---

            Hello,

            a seat became free on the course, and it is now yours:

            Course: {session.CourseEn}
            Time: {session.WhenEn}
            Place: {session.Place}
            Reference: {reference}

            If you cannot come, please cancel with the link in the first confirmation mail so the seat goes to the next person.
            """;
        await SendAsync(new OutgoingMail(to, "Sait paikan / You have a seat: " + session.CourseFi + " " + session.WhenFi, body), cancellationToken);
    }

    private async Task SendAsync(OutgoingMail message, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (MailNotSentException e)
        {
            NotSent(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrolment mail not sent: {Reason}")]
    private static partial void NotSent(ILogger logger, string reason);
}
