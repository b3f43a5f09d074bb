using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Training.Migrations
{
    /// <inheritdoc />
    internal partial class TrainingSelfService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "contact_restricted",
                table: "training_employers",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "training_marketing_suppressions",
                columns: table => new
                {
                    email_index = table.Column<byte[]>(nullable: false),
                    since = table.Column<DateTime>(nullable: false),
                    via = table.Column<string>(maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_marketing_suppressions", x => x.email_index);
                });

            migrationBuilder.CreateTable(
                name: "training_sign_in_links",
                columns: table => new
                {
                    token_hash = table.Column<byte[]>(nullable: false),
                    email_index = table.Column<byte[]>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    expires_at = table.Column<DateTime>(nullable: false),
                    used_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_sign_in_links", x => x.token_hash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_training_sign_in_links_email_index_created_at",
                table: "training_sign_in_links",
                columns: new[] { "email_index", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_marketing_suppressions");

            migrationBuilder.DropTable(
                name: "training_sign_in_links");

            migrationBuilder.DropColumn(
                name: "contact_restricted",
                table: "training_employers");
        }
    }
}
