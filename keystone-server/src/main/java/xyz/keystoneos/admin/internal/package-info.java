/** Controllers of the admin API. */
package xyz.keystoneos.admin.internal;
