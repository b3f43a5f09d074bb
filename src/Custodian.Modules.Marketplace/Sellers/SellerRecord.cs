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

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public static FieldAddress EmailField(Guid id) => new("marketplace_sellers", "email", id.ToString("N"));

    public static FieldAddress FullNameField(Guid id) => new("marketplace_sellers", "full_name", id.ToString("N"));
}
