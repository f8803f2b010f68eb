package io.usercounter.localstack.apiserver.store;

/** Told of every object the store writes or removes, while the store holds its write lock. */
public interface StoreListener {

    void written(StoredObject object);

    void removed(StoredObject object);
}
