package io.usercounter.app.api;

record CounterJson(long userId, long counter) {}
