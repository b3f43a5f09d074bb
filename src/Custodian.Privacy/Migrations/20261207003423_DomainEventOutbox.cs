using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <inheritdoc />
    internal partial class DomainEventOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_inbox",
                columns: table => new
                {
                    handler = table.Column<string>(maxLength: 100, nullable: false),
                    event_id = table.Column<string>(maxLength: 36, nullable: false),
                    handled_at_us = table.Column<long>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_inbox", x => new { x.handler, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "privacy_outbox",
                columns: table => new
                {
                    id = table.Column<string>(maxLength: 36, nullable: false),
                    name = table.Column<string>(maxLength: 100, nullable: false),
                    payload = table.Column<string>(nullable: false),
                    occurred_at_us = table.Column<long>(nullable: false),
                    next_attempt_us = table.Column<long>(nullable: false),
                    attempts = table.Column<int>(nullable: false),
                    delivered_at_us = table.Column<long>(nullable: true),
                    last_error = table.Column<string>(maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_outbox", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_outbox_delivered_at_us_next_attempt_us",
                table: "privacy_outbox",
                columns: new[] { "delivered_at_us", "next_attempt_us" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_inbox");

            migrationBuilder.DropTable(
                name: "privacy_outbox");
        }
    }
}
