package io.usercounter.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.usercounter.app.counter.CounterRead;
import io.usercounter.app.counter.CounterService;
import io.usercounter.app.counter.UserService;
import io.usercounter.app.counter.UserView;
import io.usercounter.app.sync.SyncService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API of the counter service (counter-app/README.md, Endpoints). It produces JSON only, so an Accept
 * without JSON is refused with 406 before a write runs, not after it counted.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "users", description = "users and their counters")
class UserController {

    private final UserService users;
    private final CounterService counters;
    private final SyncService sync;

    UserController(UserService users, CounterService counters, SyncService sync) {
        this.users = users;
        this.counters = counters;
        this.sync = sync;
    }

    @Operation(summary = "Register a user (username: 3-50 of A-Z a-z 0-9 . _ -)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<UserJson> create(@RequestBody CreateUserRequest request) {
        return new ApiResponse<>("user created", UserJson.of(users.create(RequestRules.username(request.username()))));
    }

    @Operation(summary = "List users by id, keyset paging (limit <= 1000)")
    @GetMapping
    ApiResponse<UserPageJson> list(
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(name = "after_id", defaultValue = "0") long afterId) {
        int size = RequestRules.pageLimit(limit);
        List<UserView> page = users.page(RequestRules.afterId(afterId), size);
        Long next = page.size() == size ? page.get(page.size() - 1).stored().id() : null;
        return new ApiResponse<>(
                "users listed", new UserPageJson(page.stream().map(UserJson::of).toList(), next));
    }

    @Operation(summary = "Get a user with its counter")
    @GetMapping("/{id}")
    ApiResponse<UserJson> get(@PathVariable long id) {
        return new ApiResponse<>("user found", UserJson.of(users.find(RequestRules.userId(id))));
    }

    @Operation(summary = "Delete a user and its counter")
    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@PathVariable long id) {
        users.delete(RequestRules.userId(id));
        return new ApiResponse<>("user deleted", null);
    }

    @Operation(summary = "Read a counter from the cache (default) or from the database")
    @GetMapping("/{id}/count")
    ApiResponse<CountJson> count(@PathVariable long id, @RequestParam(required = false) String source) {
        long userId = RequestRules.userId(id);
        CounterRead read;
        if (source == null || source.equals("cache")) {
            read = counters.read(userId);
        } else if (source.equals("database")) {
            read = counters.readDatabase(userId);
        } else {
            throw ApiException.badRequest("invalid_parameter", "source must be cache or database");
        }
        return new ApiResponse<>(
                "counter read",
                new CountJson(read.userId(), read.counter(), read.source().wireName()));
    }

    @Operation(summary = "Add 'by' (1..1000000) to a counter; an Idempotency-Key makes retries count once")
    @RequestMapping(
            path = "/{id}/increment",
            method = {RequestMethod.PUT, RequestMethod.POST})
    ApiResponse<CounterJson> increment(
            @PathVariable long id,
            @RequestParam(defaultValue = "1") long by,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        long userId = RequestRules.userId(id);
        long value =
                counters.increment(userId, RequestRules.incrementBy(by), RequestRules.idempotencyKey(idempotencyKey));
        return new ApiResponse<>("counter incremented", new CounterJson(userId, value));
    }

    @Operation(summary = "Set a counter to a value >= 0")
    @PutMapping("/{id}/count")
    ApiResponse<CounterJson> set(@PathVariable long id, @RequestBody SetCountRequest request) {
        long userId = RequestRules.userId(id);
        long value = counters.set(userId, RequestRules.countValue(request));
        return new ApiResponse<>("counter set", new CounterJson(userId, value));
    }

    @Operation(summary = "What Redis holds for this counter that MySQL does not have yet")
    @GetMapping("/{id}/sync-status")
    ApiResponse<SyncStatusJson> syncStatus(@PathVariable long id) {
        return new ApiResponse<>("sync status", SyncStatusJson.of(sync.status(RequestRules.userId(id))));
    }

    @Operation(summary = "Flush this user's pending amount to MySQL now")
    @PostMapping("/{id}/sync")
    ApiResponse<SyncStatusJson> syncUser(@PathVariable long id) {
        return new ApiResponse<>("user synced", SyncStatusJson.of(sync.syncUser(RequestRules.userId(id))));
    }
}
