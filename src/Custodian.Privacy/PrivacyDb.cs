using Custodian.Storage.Records;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy;

/// <summary>The kernel's own tables (prefix <c>privacy_</c>): wrapped data keys and data-protection keys, consent ledger, audit log, data-subject requests.</summary>
[MigratedFirst]
public sealed class PrivacyDb(DbContextOptions<PrivacyDb> options) : DbContext(options)
{
    public DbSet<Protection.DataKeyRecord> DataKeys => Set<Protection.DataKeyRecord>();

    public DbSet<Protection.SharedKeyRecord> SharedKeys => Set<Protection.SharedKeyRecord>();

    public DbSet<Protection.DestroyedKeyRecord> DestroyedKeys => Set<Protection.DestroyedKeyRecord>();

    public DbSet<Protection.ReencryptProgressRecord> ReencryptProgress => Set<Protection.ReencryptProgressRecord>();

    public DbSet<Consent.ConsentRecord> Consents => Set<Consent.ConsentRecord>();

    public DbSet<Audit.AuditBlockRecord> AuditBlocks => Set<Audit.AuditBlockRecord>();

    public DbSet<Audit.AuditCheckpointRecord> AuditCheckpoints => Set<Audit.AuditCheckpointRecord>();

    public DbSet<Audit.AuditHeadRecord> AuditHead => Set<Audit.AuditHeadRecord>();

    public DbSet<Audit.AccessTrailRecord> AccessTrail => Set<Audit.AccessTrailRecord>();

    public DbSet<Requests.RequestRecord> Requests => Set<Requests.RequestRecord>();

    public DbSet<Requests.RequestEventRecord> RequestEvents => Set<Requests.RequestEventRecord>();

    public DbSet<Requests.RestrictionRecord> Restrictions => Set<Requests.RestrictionRecord>();

    public DbSet<Retention.DestructionActRecord> DestructionActs => Set<Retention.DestructionActRecord>();

    public DbSet<Breaches.BreachRecord> Breaches => Set<Breaches.BreachRecord>();

    public DbSet<Breaches.BreachEventRecord> BreachEvents => Set<Breaches.BreachEventRecord>();

    internal DbSet<Scheduling.WorkLeaseRecord> WorkLeases => Set<Scheduling.WorkLeaseRecord>();

    internal DbSet<Protection.DataProtectionKeyRecord> DataProtectionKeys => Set<Protection.DataProtectionKeyRecord>();

    internal DbSet<Events.OutboxRecord> Outbox => Set<Events.OutboxRecord>();

    internal DbSet<Events.InboxRecord> Inbox => Set<Events.InboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Custodian.Privacy.Breaches.BreachModel.Configure(modelBuilder);
        modelBuilder.Entity<Events.OutboxRecord>(outbox =>
        {
            outbox.ToTable("privacy_outbox");
            outbox.HasKey(e => e.Id);
            outbox.Property(e => e.Id).HasColumnName("id").HasMaxLength(36);
            outbox.Property(e => e.Name).HasColumnName("name").HasMaxLength(100).IsRequired();
            outbox.Property(e => e.Payload).HasColumnName("payload").IsRequired();
            outbox.Property(e => e.OccurredAtUs).HasColumnName("occurred_at_us");
            outbox.Property(e => e.NextAttemptUs).HasColumnName("next_attempt_us");
            outbox.Property(e => e.Attempts).HasColumnName("attempts");
            outbox.Property(e => e.DeliveredAtUs).HasColumnName("delivered_at_us");
            outbox.Property(e => e.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.HasIndex(e => new { e.DeliveredAtUs, e.NextAttemptUs });
        });
        modelBuilder.Entity<Events.InboxRecord>(inbox =>
        {
            inbox.ToTable("privacy_inbox");
            inbox.HasKey(e => new { e.Handler, e.EventId });
            inbox.Property(e => e.Handler).HasColumnName("handler").HasMaxLength(100);
            inbox.Property(e => e.EventId).HasColumnName("event_id").HasMaxLength(36);
            inbox.Property(e => e.HandledAtUs).HasColumnName("handled_at_us");
        });
        modelBuilder.Entity<Scheduling.WorkLeaseRecord>(lease =>
        {
            lease.ToTable("privacy_work_leases");
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasColumnName("name").HasMaxLength(200);
            lease.Property(l => l.Holder).HasColumnName("holder").HasMaxLength(200);
            lease.Property(l => l.HeldUntilUtc).HasColumnName("held_until_utc");
            lease.Property(l => l.DoneAtUtc).HasColumnName("done_at_utc");
            lease.Property(l => l.HandOver).HasColumnName("hand_over").HasMaxLength(4000);
        });
        modelBuilder.Entity<Retention.DestructionActRecord>(act =>
        {
            act.ToTable("privacy_destruction_acts");
            act.HasKey(a => a.Id);
            act.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            act.Property(a => a.Number).HasColumnName("number").HasMaxLength(16).IsRequired();
            act.Property(a => a.Operator).HasColumnName("operator").HasMaxLength(300).IsRequired();
            act.Property(a => a.Register).HasColumnName("register").HasMaxLength(64).IsRequired();
            act.Property(a => a.Category).HasColumnName("category").HasMaxLength(64).IsRequired();
            act.Property(a => a.Fields).HasColumnName("fields").IsRequired();
            act.Property(a => a.Subjects).HasColumnName("subjects").IsRequired();
            act.Property(a => a.Records).HasColumnName("records");
            act.Property(a => a.Media).HasColumnName("media").HasMaxLength(300).IsRequired();
            act.Property(a => a.Method).HasColumnName("method").HasMaxLength(300).IsRequired();
            act.Property(a => a.Reason).HasColumnName("reason").HasMaxLength(500).IsRequired();
            act.Property(a => a.PerformedAtUtc).HasColumnName("performed_at_utc");
            act.Property(a => a.PerformedBy).HasColumnName("performed_by").HasMaxLength(200).IsRequired();
            act.HasIndex(a => a.Number).IsUnique();
            act.HasIndex(a => a.PerformedAtUtc);
        });
        Custodian.Privacy.Requests.RequestModel.Configure(modelBuilder);
        modelBuilder.Entity<Protection.DataKeyRecord>(key =>
        {
            key.ToTable("privacy_data_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
            key.Property(k => k.Scope).HasColumnName("scope").HasMaxLength(200).IsRequired();
            key.Property(k => k.Version).HasColumnName("version");
            key.Property(k => k.KekVersion).HasColumnName("kek_version");
            key.Property(k => k.Wrapped).HasColumnName("wrapped").IsRequired();
            key.Property(k => k.CreatedAtUtc).HasColumnName("created_at_utc");
            key.HasIndex(k => new { k.Scope, k.Version }).IsUnique();
            key.HasIndex(k => k.KekVersion);
        });
        modelBuilder.Entity<Protection.SharedKeyRecord>(shared =>
        {
            shared.ToTable("privacy_shared_keys");
            shared.HasKey(k => new { k.Purpose, k.Version });
            shared.Property(k => k.Purpose).HasColumnName("purpose").HasMaxLength(32);
            shared.Property(k => k.Version).HasColumnName("version").ValueGeneratedNever();
            shared.Property(k => k.Sealed).HasColumnName("sealed").IsRequired();
            shared.Property(k => k.CreatedAtUtc).HasColumnName("created_at_utc");
        });
        modelBuilder.Entity<Protection.DataProtectionKeyRecord>(key =>
        {
            key.ToTable("privacy_data_protection_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
            key.Property(k => k.Xml).HasColumnName("xml").IsRequired();
        });
        modelBuilder.Entity<Protection.DestroyedKeyRecord>(destroyed =>
        {
            destroyed.ToTable("privacy_destroyed_keys");
            destroyed.HasKey(d => d.Id);
            destroyed.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
            destroyed.Property(d => d.DestroyedAtUtc).HasColumnName("destroyed_at_utc");
        });
        modelBuilder.Entity<Protection.ReencryptProgressRecord>(progress =>
        {
            progress.ToTable("privacy_reencrypt_progress");
            progress.HasKey(p => p.Name);
            progress.Property(p => p.Name).HasColumnName("name").HasMaxLength(100);
            progress.Property(p => p.Cursor).HasColumnName("cursor").HasMaxLength(200);
        });
        modelBuilder.Entity<Consent.ConsentRecord>(consent =>
        {
            consent.ToTable("privacy_consents");
            consent.HasKey(c => c.Id);
            consent.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            consent.Property(c => c.SubjectId).HasColumnName("subject_id");
            consent.Property(c => c.Register).HasColumnName("register").HasMaxLength(64).IsRequired();
            consent.Property(c => c.Purpose).HasColumnName("purpose").HasMaxLength(64).IsRequired();
            consent.Property(c => c.Given).HasColumnName("given");
            consent.Property(c => c.NoticeHash).HasColumnName("notice_hash").HasMaxLength(64).IsRequired();
            consent.Property(c => c.Channel).HasColumnName("channel").HasMaxLength(32).IsRequired();
            consent.Property(c => c.EvidenceReference).HasColumnName("evidence_reference").HasMaxLength(200).IsRequired();
            consent.Property(c => c.RecordedAtUtc).HasColumnName("recorded_at_utc");
            consent.HasIndex(c => new { c.SubjectId, c.Register, c.Purpose });
        });
        modelBuilder.Entity<Audit.AuditBlockRecord>(block =>
        {
            block.ToTable("privacy_audit_blocks");
            block.HasKey(b => b.FirstSequence);
            block.Property(b => b.FirstSequence).HasColumnName("first_sequence").ValueGeneratedNever();
            block.Property(b => b.LastSequence).HasColumnName("last_sequence");
            block.Property(b => b.Entries).HasColumnName("entries").IsRequired();
        });
        modelBuilder.Entity<Audit.AuditCheckpointRecord>(checkpoint =>
        {
            checkpoint.ToTable("privacy_audit_checkpoints");
            checkpoint.HasKey(c => c.Sequence);
            checkpoint.Property(c => c.Sequence).HasColumnName("sequence").ValueGeneratedNever();
            checkpoint.Property(c => c.Hash).HasColumnName("hash").IsRequired();
            checkpoint.Property(c => c.SignedAtUnixMicroseconds).HasColumnName("signed_at_unix_us");
            checkpoint.Property(c => c.Signature).HasColumnName("signature").IsRequired();
        });
        modelBuilder.Entity<Audit.AuditHeadRecord>(head =>
        {
            head.ToTable("privacy_audit_head");
            head.HasKey(h => h.Id);
            head.Property(h => h.Id).HasColumnName("id").ValueGeneratedNever();
            head.Property(h => h.Sequence).HasColumnName("sequence");
            head.Property(h => h.Hash).HasColumnName("hash").IsRequired();
            head.HasData(new Audit.AuditHeadRecord { Id = 1, Sequence = 0, Hash = new byte[32] });
        });
        modelBuilder.Entity<Audit.AccessTrailRecord>(view =>
        {
            view.ToTable(Audit.AccessTrail.Table);
            view.HasKey(v => v.Sequence);
            view.Property(v => v.Sequence).HasColumnName("sequence").ValueGeneratedNever();
            view.Property(v => v.Subject).HasColumnName("subject").HasMaxLength(64).IsRequired();
            view.Property(v => v.ViewedAtUtc).HasColumnName("viewed_at");
            view.Property(v => v.Register).HasColumnName("register").HasMaxLength(64).IsRequired();
            view.Property(v => v.Organisation).HasColumnName("organisation").HasMaxLength(200).IsRequired();
            view.Property(v => v.Role).HasColumnName("role").HasMaxLength(64).IsRequired();
            view.Property(v => v.What).HasColumnName("what").HasMaxLength(64).IsRequired();
            view.HasIndex(v => new { v.Subject, v.Sequence });
        });
    }
}
