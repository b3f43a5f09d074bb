using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Breaches;

internal static class BreachModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BreachRecord>(b =>
        {
            b.ToTable("privacy_breaches");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.Reference).HasColumnName("reference").HasMaxLength(16).IsRequired();
            b.Property(x => x.DetectedAtUtc).HasColumnName("detected_at_utc");
            b.Property(x => x.OccurredAtUtc).HasColumnName("occurred_at_utc");
            b.Property(x => x.Nature).HasColumnName("nature").IsRequired();
            b.Property(x => x.Registers).HasColumnName("registers").HasMaxLength(400).IsRequired();
            b.Property(x => x.Categories).HasColumnName("categories").HasMaxLength(1000).IsRequired();
            b.Property(x => x.ApproximateSubjects).HasColumnName("approximate_subjects");
            b.Property(x => x.ApproximateRecords).HasColumnName("approximate_records");
            b.Property(x => x.LikelyConsequences).HasColumnName("likely_consequences").IsRequired();
            b.Property(x => x.MeasuresTaken).HasColumnName("measures_taken").IsRequired();
            b.Property(x => x.MeasuresProposed).HasColumnName("measures_proposed");
            b.Property(x => x.NoRiskReason).HasColumnName("no_risk_reason");
            b.Property(x => x.HighRiskToSubjects).HasColumnName("high_risk_to_subjects");
            b.Property(x => x.Cause).HasColumnName("cause");
            b.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.GdprAuthorityNotifiedAtUtc).HasColumnName("gdpr_authority_notified_at_utc");
            b.Property(x => x.GdprSubjectsNotifiedAtUtc).HasColumnName("gdpr_subjects_notified_at_utc");
            b.Property(x => x.RknInitialNotifiedAtUtc).HasColumnName("rkn_initial_notified_at_utc");
            b.Property(x => x.RknInvestigationNotifiedAtUtc).HasColumnName("rkn_investigation_notified_at_utc");
            b.HasIndex(x => x.Reference).IsUnique();
        });
        modelBuilder.Entity<BreachEventRecord>(e =>
        {
            e.ToTable("privacy_breach_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.BreachId).HasColumnName("breach_id");
            e.Property(x => x.AtUtc).HasColumnName("at_utc");
            e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(200).IsRequired();
            e.Property(x => x.Note).HasColumnName("note").IsRequired();
            e.HasIndex(x => new { x.BreachId, x.AtUtc });
        });
    }
}
