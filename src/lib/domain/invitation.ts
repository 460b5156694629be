// Invitations (users/invitation.service.ts), as the pages word them: how long a link is valid.

/** Days an invitation link stays valid. */
export const INVITATION_DAYS = 7;
