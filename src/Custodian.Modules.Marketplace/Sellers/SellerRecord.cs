using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Marketplace.Sellers;

internal enum SellerStatus
{
    /// <summary>Signed up; the e-mail address is not confirmed yet.</summary>
    Pending,
    Active,
    Closed,
}

/// <summary>A seller account holder. Personal values are encrypted under the seller's subject key.</summary>
internal sealed class SellerRecord
{
    public Guid Id { get; set; }

    /// <summary>The pseudonymous subject id the privacy kernel knows the person by.</summary>
    public Guid SubjectId { get; set; }

    public Encrypted<string> Email { get; set; } = null!;

    public byte[] EmailIndex { get; set; } = [];

    public Encrypted<string>? FullName { get; set; }

    /// <summary>How the seller arrived: telegram, web or operator.</summary>
    public string Source { get; set; } = "operator";

    public SellerStatus Status { get; set; }

    /// <summary>
    /// ru, fi or en: what the bot and the notices speak to the seller in. The Telegram app's language, taken when the
    /// seller writes to the bot; null (sellers onboarded elsewhere) means Russian (<see cref="SellerLanguage.Of"/>).
    /// </summary>
    public string? Language { get; set; }

    /// <summary>Processing restricted at the seller's request: data is only stored, nothing is collected or sent.</summary>
    public bool Restricted { get; set; }

    /// <summary>The Telegram user id (as text) of a seller who signed up through the bot.</summary>
    public Encrypted<string>? TelegramUserId { get; set; }

    /// <summary>Blind index of the Telegram user id, to recognise the user when they write to the bot.</summary>
    public byte[]? TelegramIndex { get; set; }

    /// <summary>The private chat with the bot, where the seller is told about their account.</summary>
    public Encrypted<string>? TelegramChatId { get; set; }

    public Encrypted<string>? TelegramUsername { get; set; }

    /// <summary>SHA-256 of the e-mail confirmation link's token (the token itself only travels in the mail).</summary>
    public byte[]? ConfirmationTokenHash { get; set; }

    public DateTime? ConfirmationExpiresAtUtc { get; set; }

    /// <summary>When the current window of sign-in links mailed to this seller began (see <see cref="SignInLinkOptions"/>).</summary>
    public DateTime? SignInWindowStartUtc { get; set; }

    /// <summary>Sign-in links (and notices of a sign-up tried with the address) mailed in that window.</summary>
    public int SignInsInWindow { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the seller was last told their plan ends or ended (one reminder per plan end).</summary>
    public DateTime? PlanRemindedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public static FieldAddress EmailField(Guid id) => new("marketplace_sellers", "email", id.ToString("N"));

    public static FieldAddress FullNameField(Guid id) => new("marketplace_sellers", "full_name", id.ToString("N"));

    public static FieldAddress Field(Guid id, string column) => new("marketplace_sellers", column, id.ToString("N"));

    /// <summary>The blind index a Telegram user is recognised by (the bot, the Telegram login).</summary>
    public static byte[] TelegramIndexOf(IPersonalDataVault vault, long telegramUserId) =>
        (vault ?? throw new ArgumentNullException(nameof(vault))).BlindIndex("telegram", telegramUserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
