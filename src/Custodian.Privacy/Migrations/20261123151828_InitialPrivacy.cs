using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <inheritdoc />
    internal partial class InitialPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_audit_blocks",
                columns: table => new
                {
                    first_sequence = table.Column<long>(nullable: false),
                    last_sequence = table.Column<long>(nullable: false),
                    entries = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_audit_blocks", x => x.first_sequence);
                });

            migrationBuilder.CreateTable(
                name: "privacy_audit_checkpoints",
                columns: table => new
                {
                    sequence = table.Column<long>(nullable: false),
                    hash = table.Column<byte[]>(nullable: false),
                    signed_at_unix_us = table.Column<long>(nullable: false),
                    signature = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_audit_checkpoints", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "privacy_audit_head",
                columns: table => new
                {
                    id = table.Column<int>(nullable: false),
                    sequence = table.Column<long>(nullable: false),
                    hash = table.Column<byte[]>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_audit_head", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    subject_id = table.Column<Guid>(nullable: false),
                    register = table.Column<string>(maxLength: 64, nullable: false),
                    purpose = table.Column<string>(maxLength: 64, nullable: false),
                    given = table.Column<bool>(nullable: false),
                    notice_hash = table.Column<string>(maxLength: 64, nullable: false),
                    channel = table.Column<string>(maxLength: 32, nullable: false),
                    evidence_reference = table.Column<string>(maxLength: 200, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_consents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_data_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    scope = table.Column<string>(maxLength: 200, nullable: false),
                    version = table.Column<int>(nullable: false),
                    kek_version = table.Column<int>(nullable: false),
                    wrapped = table.Column<byte[]>(nullable: false),
                    created_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_data_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_destroyed_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    destroyed_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_destroyed_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_reencrypt_progress",
                columns: table => new
                {
                    name = table.Column<string>(maxLength: 100, nullable: false),
                    cursor = table.Column<string>(maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_reencrypt_progress", x => x.name);
                });

            migrationBuilder.InsertData(
                table: "privacy_audit_head",
                columns: new[] { "id", "hash", "sequence" },
                values: new object[] { 1, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_consents_subject_id_register_purpose",
                table: "privacy_consents",
                columns: new[] { "subject_id", "register", "purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_data_keys_kek_version",
                table: "privacy_data_keys",
                column: "kek_version");

            migrationBuilder.CreateIndex(
                name: "IX_privacy_data_keys_scope_version",
                table: "privacy_data_keys",
                columns: new[] { "scope", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_audit_blocks");

            migrationBuilder.DropTable(
                name: "privacy_audit_checkpoints");

            migrationBuilder.DropTable(
                name: "privacy_audit_head");

            migrationBuilder.DropTable(
                name: "privacy_consents");

            migrationBuilder.DropTable(
                name: "privacy_data_keys");

            migrationBuilder.DropTable(
                name: "privacy_destroyed_keys");

            migrationBuilder.DropTable(
                name: "privacy_reencrypt_progress");
        }
    }
}
