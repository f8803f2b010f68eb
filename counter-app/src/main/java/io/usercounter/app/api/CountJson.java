package io.usercounter.app.api;

record CountJson(long userId, long counter, String source) {}
