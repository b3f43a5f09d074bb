using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Messages;

/// <summary>A question set as the record shows it, with the client's answers once they came.</summary>
internal sealed record QuestionSetView(Guid Id, QuestionSetContent Content, QuestionSetState State, DateTime SentAtUtc, string SentBy, DateTime LinkExpiresAtUtc, bool Expired, IReadOnlyDictionary<string, string>? Answers, DateTime? AnsweredAtUtc);

/// <summary>What an answer link opens: the set's questions, or why it does not open.</summary>
internal sealed record AnswerLink(Guid SetId, QuestionSetContent? Content, string? Refusal);

/// <summary>
/// Simple question sets (free text, single choice, date) a coach sends to one client by e-mail with a secure link. The
/// client answers in the browser without an account; the link expires, opens only this set, and works once; the answers
/// land in the record under the client's key. No answer feeds an automated decision (ADR 0020).
/// </summary>
internal sealed class QuestionSets(GuidanceDb db, ClientScope scope, WrittenConsents consents, IPersonalDataVault vault, IAuditLog audit, IMailSender mail, IPublicLinks links, TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(14);
    public const int MaxQuestions = 10;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record QuestionInput(string? Text, string? Kind, string? Options);

    public async Task<Guid> SendAsync(string account, Guid clientId, string? title, IReadOnlyList<QuestionInput> questions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        CloseClient.RequireOpen(reached);
        if (reached.Access(RecordSection.Messages) != SectionAccess.Write)
        {
            throw new GuidanceInputException("Your role in this programme does not let you change this part of the record.");
        }

        var content = new QuestionSetContent(1, ManageProgrammes.Text(title, 200, "Give the question set a title (at most 200 characters)."), Parse(questions));
        if ((await consents.AreasAsync(clientId, cancellationToken)).Count == 0)
        {
            throw new GuidanceInputException("Record the client's written consent before sending questions.");
        }

        if (reached.Client.Email is null)
        {
            throw new GuidanceInputException("The client has no e-mail address: add it to the basic data first.");
        }

        var address = (await vault.OpenAsync(reached.Client.Email, CreateClient.Field("email", reached.Client.Id.ToString("N")), cancellationToken)).ValueOr(string.Empty);
        var id = Guid.CreateVersion7();
        var (token, hash) = OneTimeTokens.New();
        var now = clock.GetUtcNow().UtcDateTime;
        db.QuestionSets.Add(new QuestionSetRecord
        {
            Id = id,
            ClientId = clientId,
            Content = await vault.SealAsync(KeyScope.Subject(reached.Client.SubjectId), ContentField(id), JsonSerializer.Serialize(content, Json), cancellationToken),
            State = QuestionSetState.Sent,
            LinkHash = hash,
            LinkExpiresAtUtc = now + LinkLifetime,
            SentAtUtc = now,
            SentBy = account,
        });
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            // The mail names no one and nothing of the record: only the link, which opens this set and nothing else.
            await mail.SendAsync(new OutgoingMail(address, "Kysymyksiä valmentajaltasi / Questions from your coach",
            "Valmentajasi lähetti sinulle kysymyksiä. Vastaa tästä linkistä (voimassa 14 päivää, yhden kerran):\n" + links.Link("/guidance/answer/" + token) +
            "\n\nYour coach sent you some questions. Answer through the link above (valid for 14 days, once).\n\nVastauksiasi ei käytetä automaattiseen päätöksentekoon. / Your answers are not used for automated decisions."), cancellationToken);
        }
        catch (MailNotSentException)
        {
            // Nothing half-way: a set whose link never left is not kept.
            await db.QuestionSets.Where(q => q.Id == id).ExecuteDeleteAsync(cancellationToken);
            throw new GuidanceInputException("The e-mail could not be sent, so the questions were not saved. Try again later.");
        }

        await audit.AppendAsync(GuidanceAudit.Event(reached, "send question set"), cancellationToken);
        return id;
    }

    /// <summary>Takes a sent set back: its link stops working at once.</summary>
    public async Task WithdrawAsync(string account, Guid clientId, Guid setId, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (reached.Access(RecordSection.Messages) != SectionAccess.Write)
        {
            throw new GuidanceInputException("Your role in this programme does not let you change this part of the record.");
        }

        var set = await db.QuestionSets.SingleOrDefaultAsync(q => q.Id == setId && q.ClientId == clientId, cancellationToken) ?? throw new GuidanceNotFoundException();
        if (set.State != QuestionSetState.Sent)
        {
            throw new GuidanceInputException("Only a set that is waiting for answers can be withdrawn.");
        }

        set.State = QuestionSetState.Withdrawn;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The client's sets for a person whose role reads messages (null otherwise).</summary>
    public async Task<IReadOnlyList<QuestionSetView>?> ForClientAsync(ReachableClient reached, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reached);
        if (!AccessMatrix.CanRead(reached.Access(RecordSection.Messages)))
        {
            return null;
        }

        return await ForClientAsync(reached.Client.Id, cancellationToken);
    }

    /// <summary>The client's sets with their answers, for the client's own view (the caller has matched the client).</summary>
    public async Task<IReadOnlyList<QuestionSetView>> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var sets = await db.QuestionSets.Where(q => q.ClientId == clientId).ToListAsync(cancellationToken);
        var ids = sets.Select(s => s.Id).ToList();
        var answers = await db.Answers.Where(a => ids.Contains(a.QuestionSetId)).ToDictionaryAsync(a => a.QuestionSetId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var views = new List<QuestionSetView>();
        foreach (var set in sets.OrderByDescending(s => s.SentAtUtc).ThenByDescending(s => s.Id))
        {
            var content = await ContentAsync(set, cancellationToken);
            IReadOnlyDictionary<string, string>? given = null;
            if (answers.TryGetValue(set.Id, out var answer))
            {
                var text = (await vault.OpenAsync(answer.Answers, AnswerField(set.Id), cancellationToken)).ValueOr("{}");
                given = JsonSerializer.Deserialize<Dictionary<string, string>>(text, Json);
            }

            views.Add(new QuestionSetView(set.Id, content, set.State, set.SentAtUtc, set.SentBy, set.LinkExpiresAtUtc, set.State == QuestionSetState.Sent && now >= set.LinkExpiresAtUtc, given, set.AnsweredAtUtc));
        }

        return views;
    }

    /// <summary>A set of a client the person reaches, to copy into a new one.</summary>
    public async Task<QuestionSetContent?> CopyAsync(ReachableClient reached, Guid setId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reached);
        var set = await db.QuestionSets.SingleOrDefaultAsync(q => q.Id == setId && q.ClientId == reached.Client.Id, cancellationToken);
        return set is null || !AccessMatrix.CanRead(reached.Access(RecordSection.Messages)) ? null : await ContentAsync(set, cancellationToken);
    }

    public async Task<AnswerLink?> OpenLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var set = await FindAsync(token, cancellationToken);
        return set is null ? null : new AnswerLink(set.Id, Refusal(set) is null ? await ContentAsync(set, cancellationToken) : null, Refusal(set));
    }

    /// <summary>Stores the client's answers (all or nothing); the link is used up.</summary>
    public async Task AnswerAsync(string? token, IReadOnlyDictionary<string, string?> given, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(given);
        var set = await FindAsync(token, cancellationToken) ?? throw new GuidanceNotFoundException();
        if (Refusal(set) is { } refusal)
        {
            throw new GuidanceInputException(refusal);
        }

        var content = await ContentAsync(set, cancellationToken);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in content.Questions)
        {
            var value = given.TryGetValue(question.Id, out var v) ? v?.Trim() ?? string.Empty : string.Empty;
            answers[question.Id] = question.Kind switch
            {
                QuestionKind.SingleChoice when value.Length > 0 && !question.Options.Contains(value) => throw new GuidanceInputException("Choose one of the given answers."),
                QuestionKind.Date when value.Length > 0 && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => throw new GuidanceInputException("Give the date as a day in the calendar."),
                QuestionKind.FreeText when value.Length > 4000 => throw new GuidanceInputException("An answer is too long (at most 4 000 characters)."),
                _ when value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') => throw new GuidanceInputException("An answer contains control characters; write it as plain text."),
                _ => value,
            };
        }

        var client = await db.Clients.SingleAsync(c => c.Id == set.ClientId, cancellationToken);
        var programme = await db.Programmes.SingleAsync(p => p.Id == client.ProgrammeId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        set.State = QuestionSetState.Answered;
        set.AnsweredAtUtc = now;
        db.Answers.Add(new AnswerRecord { QuestionSetId = set.Id, AnsweredAtUtc = now, Answers = await vault.SealAsync(KeyScope.Subject(client.SubjectId), AnswerField(set.Id), JsonSerializer.Serialize(answers, Json), cancellationToken) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same link sent twice at once: the first answer stands (the answers' key is the set).
            throw new GuidanceInputException("These questions have been answered already.");
        }

        await audit.AppendAsync(new AuditEvent("subject:" + client.SubjectId, "guidance answer question set", client.SubjectId, programme.Register, GuidanceAudit.Purpose), cancellationToken);
    }

    private string? Refusal(QuestionSetRecord set) => set.State switch
    {
        QuestionSetState.Answered => "These questions have been answered already. Thank you!",
        QuestionSetState.Withdrawn => "Your coach has withdrawn these questions: they need no answer.",
        _ when clock.GetUtcNow().UtcDateTime >= set.LinkExpiresAtUtc => "This link has expired. Ask your coach to send the questions again.",
        _ => null,
    };

    private async Task<QuestionSetRecord?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: 43 } || token.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            return null;
        }

        var hash = OneTimeTokens.Hash(token);
        return await db.QuestionSets.SingleOrDefaultAsync(q => q.LinkHash == hash, cancellationToken);
    }

    private async Task<QuestionSetContent> ContentAsync(QuestionSetRecord set, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<QuestionSetContent>((await vault.OpenAsync(set.Content, ContentField(set.Id), cancellationToken)).ValueOr("{\"format\":1,\"title\":\"[erased]\",\"questions\":[]}"), Json)!;

    private static List<Question> Parse(IReadOnlyList<QuestionInput> inputs)
    {
        var questions = new List<Question>();
        foreach (var input in inputs.Where(i => !string.IsNullOrWhiteSpace(i.Text)))
        {
            var text = ManageProgrammes.Text(input.Text, 500, "A question is too long (at most 500 characters) or contains control characters.");
            var kind = input.Kind switch
            {
                "free-text" or null or "" => QuestionKind.FreeText,
                "single-choice" => QuestionKind.SingleChoice,
                "date" => QuestionKind.Date,
                _ => throw new GuidanceInputException("Choose the kind of each question from the list."),
            };
            var options = kind == QuestionKind.SingleChoice
                ? (input.Options ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList()
                : [];
            if (kind == QuestionKind.SingleChoice && (options.Count < 2 || options.Count > 10 || options.Any(o => o.Length > 200 || o.Any(char.IsControl))))
            {
                throw new GuidanceInputException("A single-choice question needs 2-10 answers, separated by semicolons.");
            }

            questions.Add(new Question("q" + (questions.Count + 1).ToString(CultureInfo.InvariantCulture), text, kind, options));
        }

        return questions.Count is 0 or > MaxQuestions ? throw new GuidanceInputException("Write 1-10 questions.") : questions;
    }

    private static FieldAddress ContentField(Guid id) => new(QuestionSetRecord.Table, "message_text", id.ToString("N"));

    private static FieldAddress AnswerField(Guid id) => new(AnswerRecord.Table, "message_text", id.ToString("N"));
}
