using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance;

/// <summary>The guidance module's records (prefix <c>guidance_</c>): programmes and their staff, clients, written consents, section entries and the clients' access list.</summary>
internal sealed class GuidanceDb(DbContextOptions<GuidanceDb> options) : DbContext(options)
{
    internal DbSet<ProgrammeRecord> Programmes => Set<ProgrammeRecord>();

    internal DbSet<AssignmentRecord> Assignments => Set<AssignmentRecord>();

    internal DbSet<ClientRecord> Clients => Set<ClientRecord>();

    internal DbSet<WrittenConsentRecord> Consents => Set<WrittenConsentRecord>();

    internal DbSet<EntryRecord> Entries => Set<EntryRecord>();

    internal DbSet<EntryVersionRecord> EntryVersions => Set<EntryVersionRecord>();

    internal DbSet<Messages.QuestionSetRecord> QuestionSets => Set<Messages.QuestionSetRecord>();

    internal DbSet<Messages.AnswerRecord> Answers => Set<Messages.AnswerRecord>();

    internal DbSet<Rights.LegalHoldRecord> LegalHolds => Set<Rights.LegalHoldRecord>();
    internal DbSet<Statements.StatementRecord> Statements => Set<Statements.StatementRecord>();

    internal DbSet<Statements.StatementVersionRecord> StatementVersions => Set<Statements.StatementVersionRecord>();

    internal DbSet<Plan.PlanItemRecord> PlanItems => Set<Plan.PlanItemRecord>();

    internal DbSet<Plan.PlanItemVersionRecord> PlanItemVersions => Set<Plan.PlanItemVersionRecord>();

    internal DbSet<Attachments.AttachmentRecord> Attachments => Set<Attachments.AttachmentRecord>();

    internal DbSet<Appointments.AppointmentRecord> Appointments => Set<Appointments.AppointmentRecord>();

    internal DbSet<Appointments.AppointmentVersionRecord> AppointmentVersions => Set<Appointments.AppointmentVersionRecord>();

    /// <summary>
    /// Saves a versioned edit. When another edit of the same version committed first (the version is the row's
    /// concurrency token), this one stored nothing: the tracker is cleared and the conflict names the stored version.
    /// </summary>
    internal async Task SaveVersionedAsync(Func<GuidanceDb, CancellationToken, Task<int>> storedVersion, CancellationToken cancellationToken)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            ChangeTracker.Clear();
            throw new GuidanceEditConflictException(await storedVersion(this, cancellationToken));
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Rights.GuidanceRightsModel.Configure(modelBuilder);
        modelBuilder.Entity<ProgrammeRecord>(p =>
        {
            p.ToTable("guidance_programmes");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).HasColumnName("id");
            p.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
            p.Property(x => x.Register).HasColumnName("register").HasMaxLength(64).IsRequired();
            p.Property(x => x.Controller).HasColumnName("controller").HasMaxLength(200).IsRequired();
            p.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            p.HasIndex(x => x.Name).IsUnique();
        });
        modelBuilder.Entity<AssignmentRecord>(a =>
        {
            a.ToTable("guidance_assignments");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).HasColumnName("id");
            a.Property(x => x.ProgrammeId).HasColumnName("programme_id");
            a.Property(x => x.Account).HasColumnName("account").HasMaxLength(80).IsRequired();
            a.Property(x => x.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(32);
            a.Property(x => x.Team).HasColumnName("team").HasMaxLength(80).IsRequired();
            a.Property(x => x.Organisation).HasColumnName("organisation").HasMaxLength(200).IsRequired();
            a.Property(x => x.AssignedAtUtc).HasColumnName("assigned_at");
            a.HasIndex(x => new { x.ProgrammeId, x.Account }).IsUnique();
            a.HasIndex(x => x.Account);
        });
        modelBuilder.Entity<ClientRecord>(c =>
        {
            c.ToTable(ClientRecord.Table);
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).HasColumnName("id");
            c.Property(x => x.ProgrammeId).HasColumnName("programme_id");
            c.Property(x => x.SubjectId).HasColumnName("subject_id").HasConversion(v => v.Value, v => new SubjectId(v));
            c.Property(x => x.CoachAccount).HasColumnName("coach_account").HasMaxLength(80).IsRequired();
            c.Property(x => x.Team).HasColumnName("team").HasMaxLength(80).IsRequired();
            c.Property(x => x.ReferrerAccount).HasColumnName("referrer_account").HasMaxLength(80);
            c.Property(x => x.FirstName).HasColumnName("first_name").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            c.Property(x => x.LastName).HasColumnName("last_name").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            c.Property(x => x.BirthDate).HasColumnName("birth_date").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<DateOnly>(b)).IsRequired();
            c.Property(x => x.Hetu).HasColumnName("hetu").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            c.Property(x => x.HetuIndex).HasColumnName("hetu_index").IsRequired();
            c.Property(x => x.Address).HasColumnName("address").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            c.Property(x => x.Gender).HasColumnName("gender").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            c.Property(x => x.Education).HasColumnName("education").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            c.Property(x => x.Phone).HasColumnName("phone").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            c.Property(x => x.Email).HasColumnName("email").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            c.Property(x => x.EmailIndex).HasColumnName("email_index");
            c.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            c.Property(x => x.ClosedAtUtc).HasColumnName("closed_at");
            c.Property(x => x.ClosedReason).HasColumnName("closed_reason").HasMaxLength(40);
            c.Property(x => x.ClosedBy).HasColumnName("closed_by").HasMaxLength(200);
            c.Property(x => x.Restricted).HasColumnName("restricted");
            c.HasIndex(x => new { x.ProgrammeId, x.HetuIndex }).IsUnique();
            c.HasIndex(x => x.SubjectId);
            c.HasIndex(x => x.EmailIndex);
            c.HasIndex(x => x.CoachAccount);
        });
        modelBuilder.Entity<WrittenConsentRecord>(w =>
        {
            w.ToTable(WrittenConsentRecord.Table);
            w.HasKey(x => x.Id);
            w.Property(x => x.Id).HasColumnName("id");
            w.Property(x => x.ClientId).HasColumnName("client_id");
            w.Property(x => x.Sequence).HasColumnName("sequence");
            w.Property(x => x.Areas).HasColumnName("areas").HasMaxLength(200).IsRequired();
            w.Property(x => x.SharedAreas).HasColumnName("shared_areas").HasMaxLength(200).IsRequired();
            w.Property(x => x.DocumentReference).HasColumnName("consent_document_reference").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            w.Property(x => x.SignedOn).HasColumnName("signed_on");
            w.Property(x => x.NoticeVersion).HasColumnName("notice_version").HasMaxLength(40).IsRequired();
            w.Property(x => x.Withdrawal).HasColumnName("withdrawal");
            w.Property(x => x.RecordedAtUtc).HasColumnName("recorded_at");
            w.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(80).IsRequired();
            w.HasIndex(x => new { x.ClientId, x.Sequence }).IsUnique();
        });
        modelBuilder.Entity<EntryRecord>(e =>
        {
            e.ToTable(EntryRecord.Table);
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ClientId).HasColumnName("client_id");
            e.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Area).HasColumnName("area").HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            e.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(80).IsRequired();
            e.HasIndex(x => x.ClientId);
        });
        modelBuilder.Entity<EntryVersionRecord>(v =>
        {
            v.ToTable(EntryVersionRecord.Table);
            v.HasKey(x => new { x.EntryId, x.Version });
            v.Property(x => x.EntryId).HasColumnName("entry_id");
            v.Property(x => x.Version).HasColumnName("version");
            v.Property(x => x.AssessmentText).HasColumnName("assessment_text").HasConversion(t => t!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            v.Property(x => x.NoteText).HasColumnName("note_text").HasConversion(t => t!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            v.Property(x => x.WrittenAtUtc).HasColumnName("written_at");
            v.Property(x => x.WrittenBy).HasColumnName("written_by").HasMaxLength(80).IsRequired();
        });
        modelBuilder.Entity<Messages.QuestionSetRecord>(q =>
        {
            q.ToTable(Messages.QuestionSetRecord.Table);
            q.HasKey(x => x.Id);
            q.Property(x => x.Id).HasColumnName("id");
            q.Property(x => x.ClientId).HasColumnName("client_id");
            q.Property(x => x.Content).HasColumnName("message_text").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            q.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16);
            q.Property(x => x.LinkHash).HasColumnName("link_hash").IsRequired();
            q.Property(x => x.LinkExpiresAtUtc).HasColumnName("link_expires_at");
            q.Property(x => x.SentAtUtc).HasColumnName("sent_at");
            q.Property(x => x.SentBy).HasColumnName("sent_by").HasMaxLength(80).IsRequired();
            q.Property(x => x.AnsweredAtUtc).HasColumnName("answered_at");
            q.HasIndex(x => x.LinkHash).IsUnique();
            q.HasIndex(x => x.ClientId);
        });
        modelBuilder.Entity<Messages.AnswerRecord>(a =>
        {
            a.ToTable(Messages.AnswerRecord.Table);
            a.HasKey(x => x.QuestionSetId);
            a.Property(x => x.QuestionSetId).HasColumnName("question_set_id");
            a.Property(x => x.Answers).HasColumnName("message_text").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            a.Property(x => x.AnsweredAtUtc).HasColumnName("answered_at");
        });
        Custodian.Modules.Guidance.Statements.StatementModel.Configure(modelBuilder);
        Custodian.Modules.Guidance.Plan.PlanModel.Configure(modelBuilder);
        Custodian.Modules.Guidance.Attachments.AttachmentModel.Configure(modelBuilder);
        Custodian.Modules.Guidance.Appointments.AppointmentModel.Configure(modelBuilder);
    }
}
