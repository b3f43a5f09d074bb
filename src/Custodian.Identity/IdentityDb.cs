using Custodian.Identity.Sessions;
using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Identity;

/// <summary>The identity tables (prefix <c>identity_</c>): sessions of everyone, and staff accounts with their second factor.</summary>
internal sealed class IdentityDb(DbContextOptions<IdentityDb> options) : DbContext(options)
{
    internal DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    internal DbSet<StaffAccountRecord> StaffAccounts => Set<StaffAccountRecord>();

    internal DbSet<RecoveryCodeRecord> RecoveryCodes => Set<RecoveryCodeRecord>();

    internal DbSet<EnrolmentLinkRecord> EnrolmentLinks => Set<EnrolmentLinkRecord>();

    internal DbSet<SignInFailureRecord> SignInFailures => Set<SignInFailureRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SessionRecord>(session =>
        {
            session.ToTable("identity_sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasColumnName("id");
            session.Property(s => s.TokenHash).HasColumnName("token_hash").IsRequired();
            session.HasIndex(s => s.TokenHash).IsUnique();
            session.Property(s => s.Account).HasColumnName("account").HasMaxLength(80).IsRequired();
            session.HasIndex(s => s.Account);
            session.Property(s => s.ClaimsHash).HasColumnName("claims_hash").IsRequired();
            session.Property(s => s.Method).HasColumnName("method").HasMaxLength(32).IsRequired();
            session.Property(s => s.CreatedAtUtc).HasColumnName("created_at_utc");
            session.Property(s => s.AuthenticatedAtUtc).HasColumnName("authenticated_at_utc");
            session.Property(s => s.LastSeenAtUtc).HasColumnName("last_seen_at_utc");
            session.Property(s => s.ExpiresAtUtc).HasColumnName("expires_at_utc");
            session.Property(s => s.EndedAtUtc).HasColumnName("ended_at_utc");
            session.Property(s => s.EndReason).HasColumnName("end_reason").HasMaxLength(32);
            session.Property(s => s.IpAddress).HasColumnName("ip_address").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            session.Property(s => s.Device).HasColumnName("device").HasMaxLength(80);
        });
        modelBuilder.Entity<StaffAccountRecord>(account =>
        {
            account.ToTable("identity_staff_accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasColumnName("id");
            account.Property(a => a.Handle).HasColumnName("handle").HasMaxLength(40).IsRequired();
            account.HasIndex(a => a.Handle).IsUnique();
            account.Property(a => a.Roles).HasColumnName("roles").HasMaxLength(400).IsRequired();
            account.Property(a => a.SignInMethod).HasColumnName("sign_in_method").HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.OidcSubject).HasColumnName("oidc_subject").HasMaxLength(600);
            account.HasIndex(a => a.OidcSubject).IsUnique();
            account.Property(a => a.PasswordHash).HasColumnName("password_hash").HasMaxLength(200);
            account.Property(a => a.TotpSecret).HasColumnName("totp_secret").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<byte[]>(c));
            account.Property(a => a.PendingTotpSecret).HasColumnName("pending_totp_secret").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<byte[]>(c));
            account.Property(a => a.TotpLastStep).HasColumnName("totp_last_step");
            account.Property(a => a.FailedAttempts).HasColumnName("failed_attempts");
            account.Property(a => a.LockedUntilUtc).HasColumnName("locked_until_utc");
            account.Property(a => a.CreatedAtUtc).HasColumnName("created_at_utc");
            account.Property(a => a.DisabledAtUtc).HasColumnName("disabled_at_utc");
        });
        modelBuilder.Entity<RecoveryCodeRecord>(code =>
        {
            code.ToTable("identity_recovery_codes");
            code.HasKey(c => c.CodeIndex);
            code.Property(c => c.CodeIndex).HasColumnName("code_index");
            code.Property(c => c.AccountId).HasColumnName("account_id");
            code.HasIndex(c => c.AccountId);
            code.Property(c => c.UsedAtUtc).HasColumnName("used_at_utc");
        });
        modelBuilder.Entity<EnrolmentLinkRecord>(link =>
        {
            link.ToTable("identity_enrolment_links");
            link.HasKey(l => l.TokenHash);
            link.Property(l => l.TokenHash).HasColumnName("token_hash");
            link.Property(l => l.AccountId).HasColumnName("account_id");
            link.Property(l => l.ExpiresAtUtc).HasColumnName("expires_at_utc");
            link.Property(l => l.UsedAtUtc).HasColumnName("used_at_utc");
        });
        modelBuilder.Entity<SignInFailureRecord>(failure =>
        {
            failure.ToTable("identity_sign_in_failures");
            failure.HasKey(f => f.Id);
            failure.Property(f => f.Id).HasColumnName("id");
            failure.Property(f => f.AddressIndex).HasColumnName("address_index").IsRequired();
            failure.Property(f => f.AtUtc).HasColumnName("at_utc");
            failure.HasIndex(f => new { f.AddressIndex, f.AtUtc });
        });
    }
}
