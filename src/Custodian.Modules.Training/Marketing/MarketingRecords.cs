using Custodian.Modules.Training.Enrolment;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Marketing;

/// <summary>
/// An e-mail address that must never get marketing again (<c>training_marketing_suppressions</c>), kept only as the
/// blind index of the address: a later enrolment with the same address, under whatever name, is still suppressed, and
/// the list itself reveals no address.
/// </summary>
internal sealed class SuppressionRecord
{
    public byte[] EmailIndex { get; set; } = [];

    /// <summary>How the person opted out: <c>unsubscribe-link</c>, <c>self-service</c>, <c>registrar</c>.</summary>
    public string Via { get; set; } = string.Empty;

    public DateTime SuppressedAtUtc { get; set; }

    public const string Table = "training_marketing_suppressions";
}

/// <summary>Who a campaign is for: holders of a card of a type that expires within some days (the renewal course), or everyone who completed that card (related courses).</summary>
internal enum CampaignAudience
{
    CardExpiring,
    CardCompleted,
}

/// <summary>A marketing campaign the registrar wrote (<c>training_campaigns</c>): its audience and its text in Finnish and English, never personalised.</summary>
internal sealed class CampaignRecord
{
    public Guid Id { get; set; }

    public CampaignAudience Audience { get; set; }

    public string CardTypeKey { get; set; } = string.Empty;

    /// <summary>For <see cref="CampaignAudience.CardExpiring"/>: cards whose last valid day is within this many days.</summary>
    public int? WithinDays { get; set; }

    public string SubjectFi { get; set; } = string.Empty;

    public string SubjectEn { get; set; } = string.Empty;

    public string BodyFi { get; set; } = string.Empty;

    public string BodyEn { get; set; } = string.Empty;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public const string Table = "training_campaigns";
}

/// <summary>
/// One person's message of a campaign (<c>training_campaign_recipients</c>): inserted before the mail is sent, under a
/// primary key of campaign and trainee, so any number of instances or clicks send it once. <see cref="Id"/> is what the
/// unsubscribe link carries (with a MAC); <see cref="EmailIndex"/> lets the link suppress the address even after the
/// trainee's record is gone.
/// </summary>
internal sealed class CampaignRecipientRecord
{
    public Guid CampaignId { get; set; }

    public Guid TraineeId { get; set; }

    public Guid Id { get; set; }

    public byte[] EmailIndex { get; set; } = [];

    public MarketingBasis Basis { get; set; }

    public DateTime ClaimedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public const string Table = "training_campaign_recipients";
}

/// <summary>Why a person may get marketing: their consent (GDPR 6(1)(a)), or the soft opt-in for customers of 917/2014 § 200(2).</summary>
internal enum MarketingBasis
{
    Consent,
    SoftOptIn,
}

internal static class MarketingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SuppressionRecord>(s =>
        {
            s.ToTable(SuppressionRecord.Table);
            s.HasKey(x => x.EmailIndex);
            s.Property(x => x.EmailIndex).HasColumnName("email_index");
            s.Property(x => x.Via).HasColumnName("via").HasMaxLength(40).IsRequired();
            s.Property(x => x.SuppressedAtUtc).HasColumnName("suppressed_at");
        });
        modelBuilder.Entity<CampaignRecord>(c =>
        {
            c.ToTable(CampaignRecord.Table);
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id");
            c.Property(x => x.Audience).HasColumnName("audience").HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.CardTypeKey).HasColumnName("card_type_key").HasMaxLength(60).IsRequired();
            c.Property(x => x.WithinDays).HasColumnName("within_days");
            c.Property(x => x.SubjectFi).HasColumnName("subject_fi").HasMaxLength(150).IsRequired();
            c.Property(x => x.SubjectEn).HasColumnName("subject_en").HasMaxLength(150).IsRequired();
            c.Property(x => x.BodyFi).HasColumnName("body_fi").HasMaxLength(4000).IsRequired();
            c.Property(x => x.BodyEn).HasColumnName("body_en").HasMaxLength(4000).IsRequired();
            c.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(80).IsRequired();
            c.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            c.HasOne<Catalogue.CardTypeRecord>().WithMany().HasForeignKey(x => x.CardTypeKey).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<CampaignRecipientRecord>(r =>
        {
            r.ToTable(CampaignRecipientRecord.Table);
            r.HasKey(x => new { x.CampaignId, x.TraineeId });
            r.Property(x => x.CampaignId).HasColumnName("campaign_id");
            r.Property(x => x.TraineeId).HasColumnName("trainee_id");
            r.Property(x => x.Id).HasColumnName("id");
            r.Property(x => x.EmailIndex).HasColumnName("email_index").IsRequired();
            r.Property(x => x.Basis).HasColumnName("basis").HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.ClaimedAtUtc).HasColumnName("claimed_at");
            r.Property(x => x.SentAtUtc).HasColumnName("sent_at");
            r.HasOne<CampaignRecord>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => x.Id).IsUnique();
            r.HasIndex(x => x.TraineeId);
        });
    }
}
