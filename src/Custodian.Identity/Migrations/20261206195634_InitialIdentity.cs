using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Identity.Migrations
{
    /// <inheritdoc />
    internal partial class InitialIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_enrolment_links",
                columns: table => new
                {
                    token_hash = table.Column<byte[]>(nullable: false),
                    account_id = table.Column<Guid>(nullable: false),
                    expires_at_utc = table.Column<DateTime>(nullable: false),
                    used_at_utc = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_enrolment_links", x => x.token_hash);
                });

            migrationBuilder.CreateTable(
                name: "identity_recovery_codes",
                columns: table => new
                {
                    code_index = table.Column<byte[]>(nullable: false),
                    account_id = table.Column<Guid>(nullable: false),
                    used_at_utc = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_recovery_codes", x => x.code_index);
                });

            migrationBuilder.CreateTable(
                name: "identity_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    token_hash = table.Column<byte[]>(nullable: false),
                    account = table.Column<string>(maxLength: 80, nullable: false),
                    claims_hash = table.Column<byte[]>(nullable: false),
                    method = table.Column<string>(maxLength: 32, nullable: false),
                    created_at_utc = table.Column<DateTime>(nullable: false),
                    authenticated_at_utc = table.Column<DateTime>(nullable: false),
                    last_seen_at_utc = table.Column<DateTime>(nullable: false),
                    expires_at_utc = table.Column<DateTime>(nullable: false),
                    ended_at_utc = table.Column<DateTime>(nullable: true),
                    end_reason = table.Column<string>(maxLength: 32, nullable: true),
                    ip_address = table.Column<byte[]>(nullable: true),
                    device = table.Column<string>(maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_sign_in_failures",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    address_index = table.Column<byte[]>(nullable: false),
                    at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_sign_in_failures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_staff_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    handle = table.Column<string>(maxLength: 40, nullable: false),
                    roles = table.Column<string>(maxLength: 400, nullable: false),
                    sign_in_method = table.Column<string>(maxLength: 16, nullable: false),
                    oidc_subject = table.Column<string>(maxLength: 600, nullable: true),
                    password_hash = table.Column<string>(maxLength: 200, nullable: true),
                    totp_secret = table.Column<byte[]>(nullable: true),
                    pending_totp_secret = table.Column<byte[]>(nullable: true),
                    totp_last_step = table.Column<long>(nullable: true),
                    failed_attempts = table.Column<int>(nullable: false),
                    locked_until_utc = table.Column<DateTime>(nullable: true),
                    created_at_utc = table.Column<DateTime>(nullable: false),
                    disabled_at_utc = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_staff_accounts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_identity_recovery_codes_account_id",
                table: "identity_recovery_codes",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "IX_identity_sessions_account",
                table: "identity_sessions",
                column: "account");

            migrationBuilder.CreateIndex(
                name: "IX_identity_sessions_token_hash",
                table: "identity_sessions",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_sign_in_failures_address_index_at_utc",
                table: "identity_sign_in_failures",
                columns: new[] { "address_index", "at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_staff_accounts_handle",
                table: "identity_staff_accounts",
                column: "handle",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_staff_accounts_oidc_subject",
                table: "identity_staff_accounts",
                column: "oidc_subject",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_enrolment_links");

            migrationBuilder.DropTable(
                name: "identity_recovery_codes");

            migrationBuilder.DropTable(
                name: "identity_sessions");

            migrationBuilder.DropTable(
                name: "identity_sign_in_failures");

            migrationBuilder.DropTable(
                name: "identity_staff_accounts");
        }
    }
}
