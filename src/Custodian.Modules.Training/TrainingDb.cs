using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Corrections;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Exams;
using Custodian.Modules.Training.Invoicing;
using Custodian.Modules.Training.Marketing;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training;

/// <summary>The training module's records (prefix <c>training_</c>): card types, courses, sessions, trainees, enrolments, exams, cards and employers.</summary>
internal sealed class TrainingDb(DbContextOptions<TrainingDb> options) : DbContext(options)
{
    internal DbSet<CardTypeRecord> CardTypes => Set<CardTypeRecord>();

    internal DbSet<CourseRecord> Courses => Set<CourseRecord>();

    internal DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    internal DbSet<TraineeRecord> Trainees => Set<TraineeRecord>();

    internal DbSet<EnrolmentRecord> Enrolments => Set<EnrolmentRecord>();

    internal DbSet<ExamRecord> Exams => Set<ExamRecord>();

    internal DbSet<CertificateRecord> Certificates => Set<CertificateRecord>();

    internal DbSet<EmployerRecord> Employers => Set<EmployerRecord>();

    internal DbSet<CorrectionRecord> Corrections => Set<CorrectionRecord>();

    internal DbSet<SignIn.TrainingSignInLinkRecord> SignInLinks => Set<SignIn.TrainingSignInLinkRecord>();

    internal DbSet<InvoiceRecord> Invoices => Set<InvoiceRecord>();

    internal DbSet<InvoiceParticipantRecord> InvoiceParticipants => Set<InvoiceParticipantRecord>();

    internal DbSet<SuppressionRecord> Suppressions => Set<SuppressionRecord>();

    internal DbSet<CampaignRecord> Campaigns => Set<CampaignRecord>();

    internal DbSet<CampaignRecipientRecord> CampaignRecipients => Set<CampaignRecipientRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        SignIn.TrainingSignInLinkMapping.Map(modelBuilder);
        modelBuilder.Entity<CardTypeRecord>(c =>
        {
            c.ToTable(CardTypeRecord.Table);
            c.HasKey(x => x.Key);
            c.Property(x => x.Key).HasColumnName("key").HasMaxLength(60);
            c.Property(x => x.NameFi).HasColumnName("name_fi").HasMaxLength(200).IsRequired();
            c.Property(x => x.NameEn).HasColumnName("name_en").HasMaxLength(200).IsRequired();
            c.Property(x => x.ValidityMonths).HasColumnName("validity_months");
            c.Property(x => x.Authority).HasColumnName("authority").HasMaxLength(200).IsRequired();
            c.Property(x => x.Active).HasColumnName("active");
        });
        modelBuilder.Entity<CourseRecord>(c =>
        {
            c.ToTable(CourseRecord.Table);
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id");
            c.Property(x => x.CardTypeKey).HasColumnName("card_type_key").HasMaxLength(60).IsRequired();
            c.Property(x => x.NameFi).HasColumnName("name_fi").HasMaxLength(200).IsRequired();
            c.Property(x => x.NameEn).HasColumnName("name_en").HasMaxLength(200).IsRequired();
            c.Property(x => x.DescriptionFi).HasColumnName("description_fi").HasMaxLength(2000).IsRequired();
            c.Property(x => x.DescriptionEn).HasColumnName("description_en").HasMaxLength(2000).IsRequired();
            c.Property(x => x.Price).HasColumnName("price").HasPrecision(12, 2);
            c.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(3).IsRequired();
            c.Property(x => x.Hours).HasColumnName("hours").HasPrecision(6, 2);
            c.Property(x => x.Active).HasColumnName("active");
            c.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            c.HasOne<CardTypeRecord>().WithMany().HasForeignKey(x => x.CardTypeKey).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<SessionRecord>(s =>
        {
            s.ToTable(SessionRecord.Table);
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).HasColumnName("id");
            s.Property(x => x.CourseId).HasColumnName("course_id");
            s.Property(x => x.StartsAtUtc).HasColumnName("starts_at");
            s.Property(x => x.EndsAtUtc).HasColumnName("ends_at");
            s.Property(x => x.Place).HasColumnName("place").HasMaxLength(300).IsRequired();
            s.Property(x => x.Capacity).HasColumnName("capacity");
            s.Property(x => x.SeatsTaken).HasColumnName("seats_taken");
            s.Property(x => x.TrainerAccount).HasColumnName("trainer_account").HasMaxLength(80);
            s.Property(x => x.CancelledAtUtc).HasColumnName("cancelled_at");
            s.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            s.HasOne<CourseRecord>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
            s.HasIndex(x => x.StartsAtUtc);
        });
        modelBuilder.Entity<TraineeRecord>(t =>
        {
            t.ToTable(TraineeRecord.Table);
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).HasColumnName("id");
            t.Property(x => x.SubjectId).HasColumnName("subject_id").HasConversion(v => v.Value, v => new SubjectId(v));
            t.Property(x => x.FirstName).HasColumnName("first_name").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            t.Property(x => x.LastName).HasColumnName("last_name").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            t.Property(x => x.Hetu).HasColumnName("hetu").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            t.Property(x => x.HetuIndex).HasColumnName("hetu_index").IsRequired();
            t.Property(x => x.Email).HasColumnName("email").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            t.Property(x => x.EmailIndex).HasColumnName("email_index").IsRequired();
            t.Property(x => x.Phone).HasColumnName("phone").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            t.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            t.Property(x => x.LastActivityAtUtc).HasColumnName("last_activity_at");
            t.Property(x => x.Restricted).HasColumnName("restricted");
            t.HasIndex(x => x.HetuIndex).IsUnique();
            t.HasIndex(x => x.EmailIndex);
            t.HasIndex(x => x.SubjectId).IsUnique();
        });
        modelBuilder.Entity<EnrolmentRecord>(e =>
        {
            e.ToTable(EnrolmentRecord.Table);
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.SessionId).HasColumnName("session_id");
            e.Property(x => x.TraineeId).HasColumnName("trainee_id");
            e.Property(x => x.Reference).HasColumnName("reference").HasMaxLength(20).IsRequired();
            e.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Source).HasColumnName("source").HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.EmployerId).HasColumnName("employer_id");
            e.Property(x => x.CompanyName).HasColumnName("company_name").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            e.Property(x => x.CompanyBusinessId).HasColumnName("company_business_id").HasMaxLength(9);
            e.Property(x => x.Position).HasColumnName("position").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            e.Property(x => x.MarketingConsent).HasColumnName("marketing_consent");
            e.Property(x => x.CancelTokenHash).HasColumnName("cancel_token_hash").IsRequired();
            e.Property(x => x.SubmissionKey).HasColumnName("submission_key").HasMaxLength(64);
            e.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            e.Property(x => x.CancelledAtUtc).HasColumnName("cancelled_at");
            e.Property(x => x.PromotedAtUtc).HasColumnName("promoted_at");
            e.Property(x => x.Attended).HasColumnName("attended");
            e.Property(x => x.AttendanceRecordedBy).HasColumnName("attendance_recorded_by").HasMaxLength(80);
            e.Property(x => x.IdentityCheckedBy).HasColumnName("identity_checked_by").HasMaxLength(80);
            e.Property(x => x.IdentityCheckedAtUtc).HasColumnName("identity_checked_at");
            e.Property(x => x.IdentityDocument).HasColumnName("identity_document").HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            e.HasOne<SessionRecord>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<TraineeRecord>().WithMany().HasForeignKey(x => x.TraineeId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => x.CancelTokenHash).IsUnique();
            e.HasIndex(x => x.SubmissionKey).IsUnique();
            // One live enrolment per person and session, whatever races: the database refuses the second.
            e.HasIndex(x => new { x.SessionId, x.TraineeId }).IsUnique().HasFilter("status <> 'Cancelled'").HasDatabaseName("ix_training_enrolments_live");
            e.HasIndex(x => x.TraineeId);
        });
        modelBuilder.Entity<ExamRecord>(x =>
        {
            x.ToTable(ExamRecord.Table);
            x.HasKey(e => e.Id);
            x.Property(e => e.Id).HasColumnName("id");
            x.Property(e => e.EnrolmentId).HasColumnName("enrolment_id");
            x.Property(e => e.TakenOn).HasColumnName("taken_on");
            x.Property(e => e.Passed).HasColumnName("passed");
            x.Property(e => e.ExamScore).HasColumnName("exam_score").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            x.Property(e => e.ExamAnswers).HasColumnName("exam_answers").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<byte[]>(b));
            x.Property(e => e.PaperContentType).HasColumnName("paper_content_type").HasMaxLength(60);
            x.Property(e => e.PaperSize).HasColumnName("paper_size");
            x.Property(e => e.RecordedBy).HasColumnName("recorded_by").HasMaxLength(80).IsRequired();
            x.Property(e => e.RecordedAtUtc).HasColumnName("recorded_at");
            x.HasOne<EnrolmentRecord>().WithMany().HasForeignKey(e => e.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
            x.HasIndex(e => e.EnrolmentId);
        });
        modelBuilder.Entity<CertificateRecord>(c =>
        {
            c.ToTable(CertificateRecord.Table);
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id");
            c.Property(x => x.TraineeId).HasColumnName("trainee_id");
            c.Property(x => x.EnrolmentId).HasColumnName("enrolment_id");
            c.Property(x => x.CardTypeKey).HasColumnName("card_type_key").HasMaxLength(60).IsRequired();
            c.Property(x => x.CertificateNumber).HasColumnName("number").HasMaxLength(40).IsRequired();
            c.Property(x => x.VerificationCode).HasColumnName("verification_code").HasMaxLength(40).IsRequired();
            c.Property(x => x.IssuedOn).HasColumnName("issued_on");
            c.Property(x => x.ValidUntil).HasColumnName("valid_to");
            c.Property(x => x.IssuedBy).HasColumnName("issued_by").HasMaxLength(80).IsRequired();
            c.Property(x => x.IssuedAtUtc).HasColumnName("issued_at");
            c.Property(x => x.ReminderSentAtUtc).HasColumnName("reminder_sent_at");
            c.Property(x => x.RevokedAtUtc).HasColumnName("revoked_at");
            c.Property(x => x.RevokedBy).HasColumnName("revoked_by").HasMaxLength(80);
            c.Property(x => x.RevocationReason).HasColumnName("revocation_reason").HasMaxLength(40);
            c.HasOne<TraineeRecord>().WithMany().HasForeignKey(x => x.TraineeId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<CardTypeRecord>().WithMany().HasForeignKey(x => x.CardTypeKey).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => x.VerificationCode).IsUnique();
            c.HasIndex(x => x.CertificateNumber).IsUnique();
            c.HasIndex(x => x.EnrolmentId).IsUnique();
            c.HasIndex(x => x.TraineeId);
        });
        modelBuilder.Entity<CorrectionRecord>(c =>
        {
            c.ToTable(CorrectionRecord.Table);
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id");
            c.Property(x => x.TraineeId).HasColumnName("trainee_id");
            c.Property(x => x.EnrolmentId).HasColumnName("enrolment_id");
            c.Property(x => x.Field).HasColumnName("field").HasMaxLength(40).IsRequired();
            c.Property(x => x.EarlierValue).HasColumnName("earlier_value").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            c.Property(x => x.CorrectedBy).HasColumnName("corrected_by").HasMaxLength(80).IsRequired();
            c.Property(x => x.CorrectedAtUtc).HasColumnName("corrected_at");
            c.HasOne<TraineeRecord>().WithMany().HasForeignKey(x => x.TraineeId).OnDelete(DeleteBehavior.Cascade);
            c.HasIndex(x => x.TraineeId);
        });
        modelBuilder.Entity<EmployerRecord>(e =>
        {
            e.ToTable(EmployerRecord.Table);
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
            e.Property(x => x.BusinessId).HasColumnName("business_id").HasMaxLength(9).IsRequired();
            e.Property(x => x.ContactSubjectId).HasColumnName("contact_subject_id").HasConversion(v => v.Value, v => new SubjectId(v));
            e.Property(x => x.EmployerContactName).HasColumnName("employer_contact_name").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            e.Property(x => x.EmployerContactEmail).HasColumnName("employer_contact_email").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            e.Property(x => x.ContactEmailIndex).HasColumnName("contact_email_index").IsRequired();
            e.Property(x => x.ContactRestricted).HasColumnName("contact_restricted");
            e.Property(x => x.EInvoiceAddress).HasColumnName("einvoice_address").HasMaxLength(35);
            e.Property(x => x.EInvoiceOperator).HasColumnName("einvoice_operator").HasMaxLength(35);
            e.Property(x => x.PostalAddress).HasColumnName("postal_address").HasMaxLength(300);
            e.Property(x => x.InvoiceReference).HasColumnName("invoice_reference").HasMaxLength(70);
            e.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            e.Property(x => x.ContractEndedAtUtc).HasColumnName("contract_ended_at");
            e.HasIndex(x => x.BusinessId).IsUnique();
            e.HasIndex(x => x.ContactEmailIndex);
        });
        InvoiceModel.Configure(modelBuilder);
        MarketingModel.Configure(modelBuilder);
    }
}
