using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class SellerTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marketplace_team_invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    team_seller_id = table.Column<Guid>(nullable: false),
                    email_index = table.Column<byte[]>(nullable: false),
                    email = table.Column<byte[]>(nullable: false),
                    role = table.Column<string>(maxLength: 16, nullable: false),
                    token_hash = table.Column<byte[]>(nullable: false),
                    invited_at = table.Column<DateTime>(nullable: false),
                    expires_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_team_invitations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_team_members",
                columns: table => new
                {
                    team_seller_id = table.Column<Guid>(nullable: false),
                    member_seller_id = table.Column<Guid>(nullable: false),
                    role = table.Column<string>(maxLength: 16, nullable: false),
                    added_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_team_members", x => new { x.team_seller_id, x.member_seller_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_team_invitations_team_seller_id_email_index",
                table: "marketplace_team_invitations",
                columns: new[] { "team_seller_id", "email_index" });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_team_invitations_token_hash",
                table: "marketplace_team_invitations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_team_members_member_seller_id",
                table: "marketplace_team_members",
                column: "member_seller_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_team_invitations");

            migrationBuilder.DropTable(
                name: "marketplace_team_members");
        }
    }
}
