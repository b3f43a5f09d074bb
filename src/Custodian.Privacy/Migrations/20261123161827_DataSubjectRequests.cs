using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <inheritdoc />
    internal partial class DataSubjectRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_request_events",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    request_id = table.Column<Guid>(nullable: false),
                    at_utc = table.Column<DateTime>(nullable: false),
                    status = table.Column<string>(maxLength: 32, nullable: false),
                    actor = table.Column<string>(maxLength: 200, nullable: false),
                    note = table.Column<string>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_request_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    reference = table.Column<string>(maxLength: 16, nullable: false),
                    register = table.Column<string>(maxLength: 64, nullable: false),
                    kind = table.Column<string>(maxLength: 32, nullable: false),
                    status = table.Column<string>(maxLength: 32, nullable: false),
                    channel = table.Column<string>(maxLength: 32, nullable: false),
                    received_at_utc = table.Column<DateTime>(nullable: false),
                    received_on = table.Column<DateOnly>(nullable: false),
                    due_on = table.Column<DateOnly>(nullable: false),
                    extension_reason = table.Column<string>(maxLength: 2000, nullable: true),
                    subject_id = table.Column<Guid>(nullable: true),
                    requester_email = table.Column<byte[]>(nullable: false),
                    requester_email_index = table.Column<byte[]>(nullable: false),
                    request_details = table.Column<byte[]>(nullable: true),
                    language = table.Column<string>(maxLength: 8, nullable: false),
                    verified_by = table.Column<string>(maxLength: 32, nullable: true),
                    verification_evidence = table.Column<string>(maxLength: 2000, nullable: true),
                    verified_at_utc = table.Column<DateTime>(nullable: true),
                    confirmation_token_hash = table.Column<byte[]>(nullable: true),
                    completed_at_utc = table.Column<DateTime>(nullable: true),
                    outcome = table.Column<string>(nullable: true),
                    request_package = table.Column<byte[]>(nullable: true),
                    package_sha256 = table.Column<string>(maxLength: 64, nullable: true),
                    download_token_hash = table.Column<byte[]>(nullable: true),
                    download_expires_at_utc = table.Column<DateTime>(nullable: true),
                    downloaded_at_utc = table.Column<DateTime>(nullable: true),
                    receipt = table.Column<string>(nullable: true),
                    receipt_signature = table.Column<string>(maxLength: 200, nullable: true),
                    forwarded_at_utc = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_restrictions",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    subject_id = table.Column<Guid>(nullable: false),
                    register = table.Column<string>(maxLength: 64, nullable: false),
                    scope = table.Column<string>(maxLength: 100, nullable: false),
                    since_utc = table.Column<DateTime>(nullable: false),
                    lifted_at_utc = table.Column<DateTime>(nullable: true),
                    request_reference = table.Column<string>(maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_restrictions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_request_events_request_id_at_utc",
                table: "privacy_request_events",
                columns: new[] { "request_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_requests_confirmation_token_hash",
                table: "privacy_requests",
                column: "confirmation_token_hash");

            migrationBuilder.CreateIndex(
                name: "IX_privacy_requests_requester_email_index",
                table: "privacy_requests",
                column: "requester_email_index");

            migrationBuilder.CreateIndex(
                name: "IX_privacy_requests_download_token_hash",
                table: "privacy_requests",
                column: "download_token_hash");

            migrationBuilder.CreateIndex(
                name: "IX_privacy_requests_reference",
                table: "privacy_requests",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_privacy_requests_status_due_on",
                table: "privacy_requests",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_requests_subject_id",
                table: "privacy_requests",
                column: "subject_id");

            migrationBuilder.CreateIndex(
                name: "IX_privacy_restrictions_subject_id_register",
                table: "privacy_restrictions",
                columns: new[] { "subject_id", "register" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_request_events");

            migrationBuilder.DropTable(
                name: "privacy_requests");

            migrationBuilder.DropTable(
                name: "privacy_restrictions");
        }
    }
}
