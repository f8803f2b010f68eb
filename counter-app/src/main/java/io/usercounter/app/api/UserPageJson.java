package io.usercounter.app.api;

import java.util.List;

/** One keyset page; next_after_id is null on the last page. */
record UserPageJson(List<UserJson> users, Long nextAfterId) {}
