/** Internals of the activity log: the recorder, the route table, storage and the platform endpoint. */
package xyz.keystoneos.activity.internal;
