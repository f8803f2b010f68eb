package io.usercounter.app.api;

record SetCountRequest(Long value) {}
