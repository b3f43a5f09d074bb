using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Support;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>
/// The seller's conversation with the bot. <c>/start</c> asks for an e-mail address; an address gets a confirmation
/// link by e-mail (the account is active once it is opened); <c>/name</c> sets the optional full name; <c>/status</c>
/// lists connected marketplace accounts and their last sync; <c>/stop</c> withdraws the marketing consent; anything else
/// from a seller is a support message kept as correspondence. Replies are in Russian (the service's sellers' language).
/// </summary>
internal sealed class SellerBot(
    MarketplaceDb db, IPersonalDataVault vault, AddSeller addSeller, SellerAccounts sellers, IMailSender mail, IPublicLinks links, IConsentLedger consents,
    TelegramMessenger messenger, Subscriptions.ISellerSubscriptions subscriptions, TimeProvider clock)
{
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromHours(24);

    public const string Help = """
        Команды:
        /start — регистрация по адресу электронной почты
        /name Имя Фамилия — указать имя (необязательно)
        /status — тариф, подключённые кабинеты и последняя синхронизация
        /stop — не получать рассылки
        /help — эта справка
        Любое другое сообщение передаётся в поддержку.
        """;

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.Message is not { From: { IsBot: false } from, Text: { Length: > 0 } text } message)
        {
            return; // stickers, edits, channel posts: nothing to do
        }

        var chatId = message.Chat.Id;
        var seller = await FindAsync(from.Id, cancellationToken);
        var command = text.Split(' ', 2)[0].Split('@')[0].ToLowerInvariant();
        var argument = text.Contains(' ', StringComparison.Ordinal) ? text.Split(' ', 2)[1].Trim() : string.Empty;
        var reply = command switch
        {
            "/start" => seller switch
            {
                { Status: SellerStatus.Active } => "С возвращением! Ваша учётная запись активна. /status — кабинеты и синхронизация, /help — команды.",
                { Status: SellerStatus.Pending } => "Мы отправили ссылку для подтверждения на вашу почту. Не пришло? Пришлите адрес ещё раз.",
                _ => "Здравствуйте! Это сервис аналитики для продавцов Wildberries и Ozon.\nЧтобы зарегистрироваться, пришлите адрес электронной почты — мы отправим ссылку для подтверждения.",
            },
            "/help" => Help,
            "/status" => seller is { Status: SellerStatus.Active } ? await StatusAsync(seller, cancellationToken) : "Учётная запись ещё не активна: пришлите адрес электронной почты и откройте ссылку из письма.",
            "/stop" => await StopMarketingAsync(seller, cancellationToken),
            "/name" => await NameAsync(seller, argument, cancellationToken),
            _ when seller is not { Status: SellerStatus.Active } => await SignUpAsync(seller, from, chatId, text.Trim(), cancellationToken),
            _ => await SupportAsync(seller, text, cancellationToken),
        };
        await messenger.SendAsync(chatId, reply, cancellationToken);
    }

    private Task<SellerRecord?> FindAsync(long telegramUserId, CancellationToken cancellationToken)
    {
        var index = TelegramIndex(telegramUserId);
        return db.Sellers.FirstOrDefaultAsync(s => s.TelegramIndex == index, cancellationToken);
    }

    private byte[] TelegramIndex(long telegramUserId) => SellerRecord.TelegramIndexOf(vault, telegramUserId);

    private async Task<string> SignUpAsync(SellerRecord? seller, User from, long chatId, string text, CancellationToken cancellationToken)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return "Чтобы зарегистрироваться, пришлите адрес электронной почты (например, name@example.ru). /help — команды.";
        }

        var check = Email.Check(text);
        if (!check.IsValid)
        {
            return $"Это не похоже на адрес электронной почты ({check.Reason}). Пришлите адрес ещё раз.";
        }

        var index = vault.BlindIndexOf(IdentifierType.Email, check.Normalised!);
        var owner = await db.Sellers.FirstOrDefaultAsync(s => s.EmailIndex == index, cancellationToken);
        if (owner is not null && owner.Id != seller?.Id)
        {
            return "Этот адрес уже используется другой учётной записью. Войдите на сайте по ссылке из письма или напишите в поддержку.";
        }

        if (seller is null)
        {
            seller = await addSeller.AddAsync(check.Normalised!, null, "telegram", confirmed: false, cancellationToken);
            var scope = KeyScope.Subject(new SubjectId(seller.SubjectId));
            seller.TelegramIndex = TelegramIndex(from.Id);
            seller.TelegramUserId = await vault.SealAsync(scope, SellerRecord.Field(seller.Id, "telegram_user_id"), from.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
            seller.TelegramChatId = await vault.SealAsync(scope, SellerRecord.Field(seller.Id, "telegram_chat_id"), chatId.ToString(CultureInfo.InvariantCulture), cancellationToken);
            if (from.Username is { Length: > 0 } username)
            {
                seller.TelegramUsername = await vault.SealAsync(scope, SellerRecord.Field(seller.Id, "telegram_username"), username, cancellationToken);
            }
        }
        else if (owner is null)
        {
            seller.EmailIndex = index;
            seller.Email = await vault.SealAsync(KeyScope.Subject(new SubjectId(seller.SubjectId)), SellerRecord.EmailField(seller.Id), check.Normalised!, cancellationToken);
        }

        var (token, hash) = OneTimeTokens.New();
        seller.ConfirmationTokenHash = hash;
        seller.ConfirmationExpiresAtUtc = clock.GetUtcNow().UtcDateTime + ConfirmationLifetime;
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await mail.SendAsync(new OutgoingMail(check.Normalised!, "Подтвердите адрес — аналитика маркетплейсов",
                $"Здравствуйте!\n\nЧтобы активировать учётную запись, откройте ссылку (действует 24 часа):\n{links.Link("marketplace/confirm/" + token)}\n\nЕсли вы не регистрировались, просто удалите это письмо."), cancellationToken);
        }
        catch (MailNotSentException)
        {
            return "Не удалось отправить письмо. Попробуйте ещё раз позже или напишите другой адрес.";
        }

        return $"Отправили ссылку для подтверждения на {check.Normalised}. Откройте её в течение 24 часов — и учётная запись активна.";
    }

    private async Task<string> StatusAsync(SellerRecord seller, CancellationToken cancellationToken)
    {
        var plan = PlanLine(await subscriptions.StateAsync(seller.Id, cancellationToken));
        var accounts = await sellers.AccountsAsync(seller.Id, cancellationToken);
        if (accounts.Count == 0)
        {
            return plan + "\nКабинеты маркетплейсов ещё не подключены. Добавьте токен Wildberries или ключ Ozon на странице учётной записи на сайте.";
        }

        var lines = accounts.Select(a =>
        {
            var state = a.Status == nameof(AccountStatus.KeyRejected) ? "ключ отклонён маркетплейсом — замените его" : "работает";
            var synced = a.LastSyncUtc is { } at ? $"синхронизация {at:dd.MM.yyyy HH:mm} UTC" : "ещё не синхронизирован";
            var expires = a.KeyExpiresAtUtc is { } e ? $", ключ до {e:dd.MM.yyyy}" : string.Empty;
            return $"• {a.Marketplace} {a.KeyTail}: {state}, {synced}{expires}";
        });
        return plan + "\nПодключённые кабинеты:\n" + string.Join("\n", lines);
    }

    /// <summary>The plan, until when, and how many accounts it collects (Moscow dates: what the seller pays by).</summary>
    private string PlanLine(Subscriptions.SubscriptionState? state)
    {
        if (state is null)
        {
            return string.Empty;
        }

        var ends = Subscriptions.SellerPlan.DayOf(state.EndsAtUtc);
        if (!state.Active)
        {
            return Subscriptions.PlanEndReminders.Ended(state);
        }

        var daysLeft = (int)Math.Ceiling((state.EndsAtUtc - clock.GetUtcNow().UtcDateTime).TotalDays);
        var line = state.Plan == Subscriptions.SellerPlan.Trial
            ? $"Тариф: {state.Plan.NameRu} до {ends:dd.MM.yyyy} (осталось дней: {daysLeft})"
            : $"Тариф «{state.Plan.NameRu}» ({state.Plan.MonthlyPrice} в месяц) оплачен до {ends:dd.MM.yyyy}";
        line += $", кабинетов: {state.AccountsInUse} из {state.Plan.MaxAccounts}.";
        if (state.Next is { } next)
        {
            line += $" Затем тариф «{next.Plan.NameRu}» до {Subscriptions.SellerPlan.DayOf(next.EndsAtUtc):dd.MM.yyyy}.";
        }

        return line;
    }

    private async Task<string> StopMarketingAsync(SellerRecord? seller, CancellationToken cancellationToken)
    {
        if (seller is null)
        {
            return "Вы не подписаны на рассылки.";
        }

        var purpose = SellerAccounts.Marketing;
        var subject = new SubjectId(seller.SubjectId);
        if (await consents.HasConsentAsync(subject, purpose, cancellationToken))
        {
            await consents.WithdrawAsync(subject, purpose, new ConsentEvidence(ConsentChannel.Telegram, "/stop"), cancellationToken);
        }

        return "Готово: рассылок больше не будет. Сообщения о вашей учётной записи (ключи, синхронизация) бот присылает по-прежнему.";
    }

    private async Task<string> NameAsync(SellerRecord? seller, string name, CancellationToken cancellationToken)
    {
        if (seller is null)
        {
            return "Сначала зарегистрируйтесь: пришлите адрес электронной почты.";
        }

        if (name.Length is 0 or > 200)
        {
            return "Напишите имя после команды, например: /name Анна Иванова";
        }

        seller.FullName = await vault.SealAsync(KeyScope.Subject(new SubjectId(seller.SubjectId)), SellerRecord.FullNameField(seller.Id), name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return "Имя сохранено.";
    }

    private async Task<string> SupportAsync(SellerRecord seller, string text, CancellationToken cancellationToken)
    {
        var message = new SupportMessageRecord { Id = Guid.CreateVersion7(), SellerId = seller.Id, FromSeller = true, Channel = "telegram", AtUtc = clock.GetUtcNow().UtcDateTime };
        message.Text = await vault.SealAsync(KeyScope.Subject(new SubjectId(seller.SubjectId)), SupportMessageRecord.Field(message.Id), text.Length > 4000 ? text[..4000] : text, cancellationToken);
        db.SupportMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return "Сообщение передано в поддержку. Ответ придёт сюда же.";
    }
}
