using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Guidance.Migrations
{
    /// <inheritdoc />
    internal partial class InitialGuidance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guidance_access_log",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    viewed_at = table.Column<DateTime>(nullable: false),
                    organisation = table.Column<string>(maxLength: 200, nullable: false),
                    role = table.Column<string>(maxLength: 32, nullable: false),
                    what = table.Column<string>(maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_access_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    programme_id = table.Column<Guid>(nullable: false),
                    account = table.Column<string>(maxLength: 80, nullable: false),
                    role = table.Column<string>(maxLength: 32, nullable: false),
                    team = table.Column<string>(maxLength: 80, nullable: false),
                    organisation = table.Column<string>(maxLength: 200, nullable: false),
                    assigned_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_assignments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_clients",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    programme_id = table.Column<Guid>(nullable: false),
                    subject_id = table.Column<Guid>(nullable: false),
                    coach_account = table.Column<string>(maxLength: 80, nullable: false),
                    team = table.Column<string>(maxLength: 80, nullable: false),
                    referrer_account = table.Column<string>(maxLength: 80, nullable: true),
                    first_name = table.Column<byte[]>(nullable: false),
                    last_name = table.Column<byte[]>(nullable: false),
                    birth_date = table.Column<byte[]>(nullable: false),
                    hetu = table.Column<byte[]>(nullable: false),
                    hetu_index = table.Column<byte[]>(nullable: false),
                    address = table.Column<byte[]>(nullable: true),
                    phone = table.Column<byte[]>(nullable: true),
                    email = table.Column<byte[]>(nullable: true),
                    email_index = table.Column<byte[]>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    closed_at = table.Column<DateTime>(nullable: true),
                    restricted = table.Column<bool>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_clients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    sequence = table.Column<int>(nullable: false),
                    areas = table.Column<string>(maxLength: 200, nullable: false),
                    shared_areas = table.Column<string>(maxLength: 200, nullable: false),
                    consent_document_reference = table.Column<byte[]>(nullable: false),
                    signed_on = table.Column<DateOnly>(nullable: false),
                    notice_version = table.Column<string>(maxLength: 40, nullable: false),
                    withdrawal = table.Column<bool>(nullable: false),
                    recorded_at = table.Column<DateTime>(nullable: false),
                    recorded_by = table.Column<string>(maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_consents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    area = table.Column<string>(maxLength: 32, nullable: false),
                    version = table.Column<int>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    created_by = table.Column<string>(maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_entry_versions",
                columns: table => new
                {
                    entry_id = table.Column<Guid>(nullable: false),
                    version = table.Column<int>(nullable: false),
                    assessment_text = table.Column<byte[]>(nullable: true),
                    note_text = table.Column<byte[]>(nullable: true),
                    written_at = table.Column<DateTime>(nullable: false),
                    written_by = table.Column<string>(maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_entry_versions", x => new { x.entry_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "guidance_programmes",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    register = table.Column<string>(maxLength: 64, nullable: false),
                    controller = table.Column<string>(maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_programmes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_guidance_access_log_client_id_viewed_at",
                table: "guidance_access_log",
                columns: new[] { "client_id", "viewed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_guidance_assignments_account",
                table: "guidance_assignments",
                column: "account");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_assignments_programme_id_account",
                table: "guidance_assignments",
                columns: new[] { "programme_id", "account" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_guidance_clients_coach_account",
                table: "guidance_clients",
                column: "coach_account");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_clients_email_index",
                table: "guidance_clients",
                column: "email_index");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_clients_programme_id_hetu_index",
                table: "guidance_clients",
                columns: new[] { "programme_id", "hetu_index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_guidance_clients_subject_id",
                table: "guidance_clients",
                column: "subject_id");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_consents_client_id_sequence",
                table: "guidance_consents",
                columns: new[] { "client_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_guidance_entries_client_id",
                table: "guidance_entries",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_programmes_name",
                table: "guidance_programmes",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guidance_access_log");

            migrationBuilder.DropTable(
                name: "guidance_assignments");

            migrationBuilder.DropTable(
                name: "guidance_clients");

            migrationBuilder.DropTable(
                name: "guidance_consents");

            migrationBuilder.DropTable(
                name: "guidance_entries");

            migrationBuilder.DropTable(
                name: "guidance_entry_versions");

            migrationBuilder.DropTable(
                name: "guidance_programmes");
        }
    }
}
