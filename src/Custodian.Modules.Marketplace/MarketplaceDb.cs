using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Support;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace;

/// <summary>The marketplace module's records (prefix <c>marketplace_</c>): sellers, their marketplace accounts and sync checkpoints, and the sellers' settings such as stock thresholds.</summary>
internal sealed class MarketplaceDb(DbContextOptions<MarketplaceDb> options) : DbContext(options)
{
    internal DbSet<SellerRecord> Sellers => Set<SellerRecord>();

    internal DbSet<MarketplaceAccountRecord> Accounts => Set<MarketplaceAccountRecord>();

    internal DbSet<SyncCheckpointRecord> Checkpoints => Set<SyncCheckpointRecord>();

    internal DbSet<Teams.TeamMemberRecord> TeamMembers => Set<Teams.TeamMemberRecord>();

    internal DbSet<Teams.TeamInvitationRecord> TeamInvitations => Set<Teams.TeamInvitationRecord>();

    internal DbSet<SupportMessageRecord> SupportMessages => Set<SupportMessageRecord>();

    internal DbSet<Reviews.BuyerReviewRecord> BuyerReviews => Set<Reviews.BuyerReviewRecord>();

    internal DbSet<Subscriptions.SubscriptionRecord> Subscriptions => Set<Subscriptions.SubscriptionRecord>();

    internal DbSet<SellerSignInLinkRecord> SignInLinks => Set<SellerSignInLinkRecord>();

    internal DbSet<UsedTelegramLoginRecord> UsedTelegramLogins => Set<UsedTelegramLoginRecord>();

    internal DbSet<Dashboards.StockThresholdRecord> StockThresholds => Set<Dashboards.StockThresholdRecord>();

    internal DbSet<Sharing.ShareLinkRecord> ShareLinks => Set<Sharing.ShareLinkRecord>();

    internal DbSet<Sharing.EmbedSettingsRecord> EmbedSettings => Set<Sharing.EmbedSettingsRecord>();
    internal DbSet<Digest.DigestPreferenceRecord> DigestPreferences => Set<Digest.DigestPreferenceRecord>();

    internal DbSet<Digest.DigestSentRecord> DigestsSent => Set<Digest.DigestSentRecord>();
    internal DbSet<Economics.CostPriceRecord> CostPrices => Set<Economics.CostPriceRecord>();

    internal DbSet<Economics.TaxSettingRecord> TaxSettings => Set<Economics.TaxSettingRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SellerRecord>(seller =>
        {
            seller.ToTable("marketplace_sellers");
            seller.HasKey(s => s.Id);
            seller.Property(s => s.Id).HasColumnName("id");
            seller.Property(s => s.SubjectId).HasColumnName("subject_id");
            seller.Property(s => s.Email).HasColumnName("email").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c)).IsRequired();
            seller.Property(s => s.EmailIndex).HasColumnName("email_index").IsRequired();
            seller.Property(s => s.FullName).HasColumnName("full_name").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            seller.Property(s => s.Source).HasColumnName("source").HasMaxLength(16).IsRequired();
            seller.Property(s => s.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            seller.Property(s => s.Language).HasColumnName("language").HasMaxLength(8);
            seller.Property(s => s.Restricted).HasColumnName("restricted");
            seller.Property(s => s.TelegramUserId).HasColumnName("telegram_user_id").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            seller.Property(s => s.TelegramIndex).HasColumnName("telegram_index");
            seller.Property(s => s.TelegramChatId).HasColumnName("telegram_chat_id").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            seller.Property(s => s.TelegramUsername).HasColumnName("telegram_username").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            seller.Property(s => s.ConfirmationTokenHash).HasColumnName("confirmation_token_hash");
            seller.Property(s => s.ConfirmationExpiresAtUtc).HasColumnName("confirmation_expires_at");
            seller.Property(s => s.SignInWindowStartUtc).HasColumnName("sign_in_window_start");
            seller.Property(s => s.SignInsInWindow).HasColumnName("sign_ins_in_window");
            seller.Property(s => s.CreatedAtUtc).HasColumnName("created_at");
            seller.Property(s => s.ClosedAtUtc).HasColumnName("closed_at");
            seller.Property(s => s.PlanRemindedAtUtc).HasColumnName("plan_reminded_at");
            seller.HasIndex(s => s.EmailIndex).IsUnique();
            seller.HasIndex(s => s.SubjectId).IsUnique();
            seller.HasIndex(s => s.TelegramIndex).IsUnique();
            seller.HasIndex(s => s.ConfirmationTokenHash);
        });
        modelBuilder.Entity<Sharing.ShareLinkRecord>(link =>
        {
            link.ToTable("marketplace_share_links");
            link.HasKey(l => l.Id);
            link.Property(l => l.Id).HasColumnName("id");
            link.Property(l => l.SellerId).HasColumnName("seller_id");
            link.Property(l => l.AccountIds).HasColumnName("account_ids").HasMaxLength(1024).IsRequired();
            link.Property(l => l.Dashboard).HasColumnName("dashboard").HasMaxLength(32).IsRequired();
            link.Property(l => l.FromDay).HasColumnName("from_day");
            link.Property(l => l.ToDay).HasColumnName("to_day");
            link.Property(l => l.Filters).HasColumnName("filters").HasMaxLength(1024).IsRequired();
            link.Property(l => l.TokenHash).HasColumnName("token_hash").IsRequired();
            link.Property(l => l.CreatedAtUtc).HasColumnName("created_at");
            link.Property(l => l.ExpiresAtUtc).HasColumnName("expires_at");
            link.Property(l => l.RevokedAtUtc).HasColumnName("revoked_at");
            link.Property(l => l.LastUsedAtUtc).HasColumnName("last_used_at");
            link.Property(l => l.Views).HasColumnName("views");
            link.Ignore(l => l.Accounts);
            link.HasIndex(l => l.TokenHash).IsUnique();
            link.HasIndex(l => l.SellerId);
        });
        modelBuilder.Entity<Sharing.EmbedSettingsRecord>(embed =>
        {
            embed.ToTable("marketplace_embed_settings");
            embed.HasKey(e => e.SellerId);
            embed.Property(e => e.SellerId).HasColumnName("seller_id");
            embed.Property(e => e.Secret).HasColumnName("secret").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            embed.Property(e => e.AllowedOrigins).HasColumnName("allowed_origins").HasMaxLength(2048).IsRequired();
            embed.Property(e => e.UpdatedAtUtc).HasColumnName("updated_at");
        });
        modelBuilder.Entity<SellerSignInLinkRecord>(link =>
        {
            link.ToTable("marketplace_sign_in_links");
            link.HasKey(l => l.TokenHash);
            link.Property(l => l.TokenHash).HasColumnName("token_hash");
            link.Property(l => l.SellerId).HasColumnName("seller_id");
            link.Property(l => l.ExpiresAtUtc).HasColumnName("expires_at");
            link.HasIndex(l => l.SellerId);
            link.HasIndex(l => l.ExpiresAtUtc);
        });
        modelBuilder.Entity<UsedTelegramLoginRecord>(used =>
        {
            used.ToTable("marketplace_used_telegram_logins");
            used.HasKey(u => u.Digest);
            used.Property(u => u.Digest).HasColumnName("digest");
            used.Property(u => u.ExpiresAtUtc).HasColumnName("expires_at");
            used.HasIndex(u => u.ExpiresAtUtc);
        });
        modelBuilder.Entity<Teams.TeamMemberRecord>(member =>
        {
            member.ToTable("marketplace_team_members");
            member.HasKey(m => new { m.TeamSellerId, m.MemberSellerId });
            member.Property(m => m.TeamSellerId).HasColumnName("team_seller_id");
            member.Property(m => m.MemberSellerId).HasColumnName("member_seller_id");
            member.Property(m => m.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(16);
            member.Property(m => m.AddedAtUtc).HasColumnName("added_at");
            member.HasIndex(m => m.MemberSellerId);
        });
        modelBuilder.Entity<Teams.TeamInvitationRecord>(invitation =>
        {
            invitation.ToTable("marketplace_team_invitations");
            invitation.HasKey(i => i.Id);
            invitation.Property(i => i.Id).HasColumnName("id");
            invitation.Property(i => i.TeamSellerId).HasColumnName("team_seller_id");
            invitation.Property(i => i.EmailIndex).HasColumnName("email_index").IsRequired();
            invitation.Property(i => i.Email).HasColumnName("email").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c)).IsRequired();
            invitation.Property(i => i.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(16);
            invitation.Property(i => i.TokenHash).HasColumnName("token_hash").IsRequired();
            invitation.Property(i => i.InvitedAtUtc).HasColumnName("invited_at");
            invitation.Property(i => i.ExpiresAtUtc).HasColumnName("expires_at");
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => new { i.TeamSellerId, i.EmailIndex });
        });
        modelBuilder.Entity<Subscriptions.SubscriptionRecord>(period =>
        {
            period.ToTable("marketplace_subscriptions");
            period.HasKey(p => p.Id);
            period.Property(p => p.Id).HasColumnName("id");
            period.Property(p => p.SellerId).HasColumnName("seller_id");
            period.Property(p => p.PlanId).HasColumnName("plan_id").HasMaxLength(16).IsRequired();
            period.Property(p => p.StartsAtUtc).HasColumnName("starts_at");
            period.Property(p => p.EndsAtUtc).HasColumnName("ends_at");
            period.Property(p => p.PriceAmount).HasColumnName("price_amount").HasPrecision(18, 2);
            period.Property(p => p.PriceCurrency).HasColumnName("price_currency").HasMaxLength(3).IsRequired();
            period.Property(p => p.RecordedAtUtc).HasColumnName("recorded_at");
            period.HasIndex(p => p.SellerId);
        });
        modelBuilder.Entity<Reviews.BuyerReviewRecord>(review =>
        {
            review.ToTable("marketplace_buyer_reviews");
            review.HasKey(r => new { r.AccountId, r.FeedbackId });
            review.Property(r => r.AccountId).HasColumnName("account_id");
            review.Property(r => r.FeedbackId).HasColumnName("feedback_id").HasMaxLength(64);
            review.Property(r => r.ReviewText).HasColumnName("review_text").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c)).IsRequired();
            review.Property(r => r.CreatedAtUtc).HasColumnName("created_at");
            review.Property(r => r.CollectedAtUtc).HasColumnName("collected_at");
        });
        modelBuilder.Entity<Digest.DigestPreferenceRecord>(preference =>
        {
            preference.ToTable("marketplace_digest_preferences");
            preference.HasKey(x => x.SellerId);
            preference.Property(x => x.SellerId).HasColumnName("seller_id");
            preference.Property(x => x.Telegram).HasColumnName("in_telegram");
            preference.Property(x => x.Email).HasColumnName("by_email");
            preference.Property(x => x.UpdatedAtUtc).HasColumnName("updated_at");
        });
        modelBuilder.Entity<Digest.DigestSentRecord>(sent =>
        {
            sent.ToTable("marketplace_digests_sent");
            sent.HasKey(x => x.Id);
            sent.Property(x => x.Id).HasColumnName("id");
            sent.Property(x => x.SellerId).HasColumnName("seller_id");
            sent.Property(x => x.Day).HasColumnName("day");
            sent.Property(x => x.ClaimedAtUtc).HasColumnName("claimed_at");
            sent.Property(x => x.SentAtUtc).HasColumnName("sent_at");
            sent.Property(x => x.Channels).HasColumnName("channels").HasMaxLength(40);
            sent.Property(x => x.UnsubscribeTokenHash).HasColumnName("unsubscribe_token_hash");
            sent.HasIndex(x => new { x.SellerId, x.Day }).IsUnique();
            sent.HasIndex(x => x.UnsubscribeTokenHash);
        });
        modelBuilder.Entity<Dashboards.StockThresholdRecord>(threshold =>
        {
            threshold.ToTable("marketplace_stock_thresholds");
            threshold.HasKey(x => x.Id);
            threshold.Property(x => x.Id).HasColumnName("id");
            threshold.Property(x => x.SellerId).HasColumnName("seller_id");
            threshold.Property(x => x.AccountId).HasColumnName("account_id");
            threshold.Property(x => x.Sku).HasColumnName("sku");
            threshold.Property(x => x.Threshold).HasColumnName("threshold");
            threshold.Property(x => x.UpdatedAtUtc).HasColumnName("updated_at");
            threshold.HasIndex(x => new { x.AccountId, x.Sku }).IsUnique();
            threshold.HasIndex(x => x.SellerId);
        });
        modelBuilder.Entity<Economics.CostPriceRecord>(cost =>
        {
            cost.ToTable("marketplace_cost_prices");
            cost.HasKey(x => x.Id);
            cost.Property(x => x.Id).HasColumnName("id");
            cost.Property(x => x.SellerId).HasColumnName("seller_id");
            cost.Property(x => x.AccountId).HasColumnName("account_id");
            cost.Property(x => x.Sku).HasColumnName("sku");
            cost.Property(x => x.Cost).HasColumnName("cost").HasPrecision(18, 2);
            cost.Property(x => x.ValidFrom).HasColumnName("valid_from");
            cost.Property(x => x.UpdatedAtUtc).HasColumnName("updated_at");
            cost.HasIndex(x => new { x.AccountId, x.Sku, x.ValidFrom }).IsUnique();
            cost.HasIndex(x => x.SellerId);
        });
        modelBuilder.Entity<Economics.TaxSettingRecord>(tax =>
        {
            tax.ToTable("marketplace_tax_settings");
            tax.HasKey(x => x.SellerId);
            tax.Property(x => x.SellerId).HasColumnName("seller_id");
            tax.Property(x => x.Regime).HasColumnName("regime").HasMaxLength(40);
            tax.Property(x => x.UsnRate).HasColumnName("usn_rate").HasPrecision(5, 2);
            tax.Property(x => x.UpdatedAtUtc).HasColumnName("updated_at");
        });
        modelBuilder.Entity<SupportMessageRecord>(message =>
        {
            message.ToTable("marketplace_support_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).HasColumnName("id");
            message.Property(m => m.SellerId).HasColumnName("seller_id");
            message.Property(m => m.FromSeller).HasColumnName("from_seller");
            message.Property(m => m.Channel).HasColumnName("channel").HasMaxLength(16);
            message.Property(m => m.Text).HasColumnName("support_message").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c)).IsRequired();
            message.Property(m => m.AtUtc).HasColumnName("at");
            message.Property(m => m.AnsweredAtUtc).HasColumnName("answered_at");
            message.HasIndex(m => new { m.SellerId, m.AtUtc });
        });
        modelBuilder.Entity<MarketplaceAccountRecord>(account =>
        {
            account.ToTable("marketplace_accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasColumnName("id");
            account.Property(a => a.SellerId).HasColumnName("seller_id");
            account.Property(a => a.Marketplace).HasColumnName("marketplace").HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.WildberriesToken).HasColumnName("wildberries_token").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            account.Property(a => a.OzonClientId).HasColumnName("ozon_client_id").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            account.Property(a => a.OzonApiKey).HasColumnName("ozon_api_key").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            account.Property(a => a.KeyTail).HasColumnName("key_tail").HasMaxLength(8).IsRequired();
            account.Property(a => a.KeyExpiresAtUtc).HasColumnName("key_expires_at");
            account.Property(a => a.KeyCategories).HasColumnName("key_categories").HasMaxLength(300);
            account.Property(a => a.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.KeyWarnedAtUtc).HasColumnName("key_warned_at");
            account.Property(a => a.AccessReadyNoticeSentUtc).HasColumnName("access_ready_notice_sent_at");
            account.Property(a => a.StatusDetail).HasColumnName("status_detail").HasMaxLength(300);
            account.Property(a => a.DailyTotalsVersion).HasColumnName("daily_totals_version");
            account.Property(a => a.AddedAtUtc).HasColumnName("added_at");
            account.Property(a => a.RevokedAtUtc).HasColumnName("revoked_at");
            account.HasIndex(a => a.SellerId);
        });
        modelBuilder.Entity<SyncCheckpointRecord>(checkpoint =>
        {
            checkpoint.ToTable("marketplace_sync_checkpoints");
            checkpoint.HasKey(c => new { c.AccountId, c.Dataset });
            checkpoint.Property(c => c.AccountId).HasColumnName("account_id");
            checkpoint.Property(c => c.Dataset).HasColumnName("dataset").HasMaxLength(40);
            checkpoint.Property(c => c.Cursor).HasColumnName("cursor").HasMaxLength(200);
            checkpoint.Property(c => c.RowsLoaded).HasColumnName("rows_loaded");
            checkpoint.Property(c => c.RowsRejected).HasColumnName("rows_rejected");
            checkpoint.Property(c => c.RejectedByReason).HasColumnName("rejected_by_reason").HasMaxLength(2000);
            checkpoint.Property(c => c.LastAttemptUtc).HasColumnName("last_attempt_at");
            checkpoint.Property(c => c.LastSuccessUtc).HasColumnName("last_success_at");
            checkpoint.Property(c => c.LastError).HasColumnName("last_error").HasMaxLength(500);
            checkpoint.Property(c => c.Notice).HasColumnName("notice").HasMaxLength(300);
            checkpoint.Property(c => c.TotalsPendingDays).HasColumnName("totals_pending_days");
        });
    }
}
